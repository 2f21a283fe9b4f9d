import { staffApi } from '../../../lib/staff-api.ts';
import type {
  ChatMessageView,
  ConversationMode,
  ConversationRow,
  ConversationStatus,
  ConversationView,
  InboxFilters,
} from './types.ts';

/** The list's query string: only the filters that narrow it. */
export function inboxQuery(filters: InboxFilters, before?: string) {
  const query = new URLSearchParams({ status: filters.status });
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (filters.storeId) query.set('storeId', filters.storeId);
  if (filters.unread) query.set('unread', '1');
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (before) query.set('before', before);
  return query.toString();
}

/** GET /api/staff/chat/conversations: the conversations this session may see, unread first, then newest. */
export const listConversations = (filters: InboxFilters, before?: string) =>
  staffApi.get<{ conversations: ConversationRow[]; next: string | null }>(
    `/chat/conversations?${inboxQuery(filters, before)}`,
  );

/** GET …/conversations/:id: the conversation, its last 100 messages, and how an answer would go now. */
export const getConversation = (id: number, before?: number) =>
  staffApi.get<ConversationView>(`/chat/conversations/${id}${before ? `?before=${before}` : ''}`);

/** POST …/read: the shopper's messages read (LINE shows them 已讀); the same again changes nothing. */
export const markRead = (id: number) => staffApi.post<{ ok: true }>(`/chat/conversations/${id}/read`);

/** POST …/typing: LINE's loading animation on the shopper's phone while staff write (the server throttles it). */
export const startTyping = (id: number) => staffApi.post(`/chat/conversations/${id}/typing`);

/** POST …/messages: an answer; the same requestId again answers the same message instead of sending twice. */
export const sendAnswer = (id: number, body: { text: string; quoteMessageId?: number; requestId: string }) =>
  staffApi.post<{ message: ChatMessageView; delivery: 'reply' | 'push' }>(
    `/chat/conversations/${id}/messages`,
    body,
  );

/**
 * POST …/images: an image answer, the JPEG or PNG and the preview made of it in base64; the same requestId again
 * answers the same message. Refused without PUBLIC_URL (CHAT_IMAGES_NEED_PUBLIC_URL).
 */
export const sendImage = (id: number, body: { original: string; preview: string; requestId: string }) =>
  staffApi.post<{ message: ChatMessageView; delivery: 'reply' | 'push' }>(
    `/chat/conversations/${id}/images`,
    body,
  );

/** PATCH …/conversations/:id: its status, mode, assignee or store. */
export const changeConversation = (
  id: number,
  changes: {
    status?: ConversationStatus;
    mode?: ConversationMode;
    assigneeId?: number | null;
    storeId?: number | null;
  },
) => staffApi.patch<ConversationRow>(`/chat/conversations/${id}`, changes);
