import type {
  CannedReplyBody,
  ChatRuleBody,
  ChatSettingsBody,
} from '../../../../../bot/schemas/chat-admin-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

export type ChatRule = ChatRuleBody;
export type CannedReply = CannedReplyBody;
export type ChatSettings = ChatSettingsBody;

/** GET /api/staff/chat/rules: the keyword replies in the order they are tried. */
export const useChatRules = () =>
  useResource(async () => (await staffApi.get<{ rules: ChatRule[] }>('/chat/rules')).rules, 'chat-rules');

/** POST a new rule, or PATCH an existing one (chat_rules.edit: marketers, admins; audited). */
export const saveChatRule = (id: number | null, fields: Record<string, unknown>) =>
  id === null
    ? staffApi.post<ChatRule>('/chat/rules', fields)
    : staffApi.patch<ChatRule>(`/chat/rules/${id}`, fields);
export const deleteChatRule = (id: number) => staffApi.delete(`/chat/rules/${id}`);

/** GET /api/staff/chat/canned-replies. */
export const useCannedReplies = () =>
  useResource(
    async () => (await staffApi.get<{ cannedReplies: CannedReply[] }>('/chat/canned-replies')).cannedReplies,
    'canned-replies',
  );
export const saveCannedReply = (id: number | null, fields: { title: string; text: string }) =>
  id === null
    ? staffApi.post<CannedReply>('/chat/canned-replies', fields)
    : staffApi.patch<CannedReply>(`/chat/canned-replies/${id}`, fields);
export const deleteCannedReply = (id: number) => staffApi.delete(`/chat/canned-replies/${id}`);

/** GET /api/staff/chat/settings; PUT replaces them all, every business hour included (admins). */
export const useChatSettings = () =>
  useResource(() => staffApi.get<ChatSettings>('/chat/settings'), 'chat-settings');
export const saveChatSettings = (settings: ChatSettings) =>
  staffApi.put<ChatSettings>('/chat/settings', settings);
