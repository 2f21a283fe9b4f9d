import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';
import type { CannedReply } from './types.ts';

/** GET /api/staff/chat/canned-replies (chat.reply): the ready answers of the composer's picker. */
export const useCannedReplies = () =>
  useResource(
    async () => (await staffApi.get<{ cannedReplies: CannedReply[] }>('/chat/canned-replies')).cannedReplies,
    'canned-replies',
  );
