import type { Static } from 'typebox';
import type {
  CannedReplyBody,
  MemberContextBody,
  NoteBody,
} from '../../../../../bot/schemas/chat-admin-api.ts';
import type {
  ChatMessageView as ChatMessageSchema,
  ConversationRow as ConversationRowSchema,
  ConversationView as ConversationViewSchema,
} from '../../../../../bot/schemas/chat-api.ts';

/** The chat API's views, as its schemas declare them (bot/schemas/chat-api.ts, chat-admin-api.ts). */
export type ConversationRow = Static<typeof ConversationRowSchema>;
export type ChatMessageView = Static<typeof ChatMessageSchema>;
/** GET …/conversations/:id: the row, its last messages, and whether an answer goes free or as a push. */
export type ConversationView = Static<typeof ConversationViewSchema>;
export type ConversationStatus = ConversationRow['status'];
export type ConversationMode = ConversationRow['mode'];
export type MemberContext = MemberContextBody;
export type MemberNote = NoteBody;
export type CannedReply = CannedReplyBody;

/** The inbox's filters, as the list's query. */
export interface InboxFilters {
  status: ConversationStatus | 'all';
  assignee: '' | 'me' | 'none';
  storeId: string;
  unread: boolean;
  q: string;
}
