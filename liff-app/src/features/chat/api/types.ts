/**
 * The chat API's views as the contract of issue 15 declares them (bot/routes/staff/chat*.ts): a row of the inbox,
 * a message of a conversation, and how an answer would go.
 */
export type ConversationStatus = 'open' | 'waiting' | 'done';
export type ConversationMode = 'bot' | 'staff';

export interface ConversationRow {
  id: number;
  lineUserId: string;
  status: ConversationStatus;
  mode: ConversationMode;
  unread: number;
  lastMessageAt: string | null;
  lastMessage: { direction: 'in' | 'out'; kind: string; text: string | null } | null;
  member: {
    id: number;
    name: string | null;
    memberNumber: string;
    tierCode: string;
    tierName: string;
    homeStore: { id: number; name: string } | null;
    tags: string[];
  } | null;
  displayName: string | null;
  pictureUrl: string | null;
  assignee: { id: number; displayName: string } | null;
  store: { id: number; name: string } | null;
}

export interface ChatMessageView {
  id: number;
  direction: 'in' | 'out';
  kind: string;
  text: string | null;
  sticker: { packageId: string; stickerId: string } | null;
  media: {
    url: string;
    contentType: string | null;
    status: 'pending' | 'fetched' | 'failed' | 'erased';
  } | null;
  location: { title: string | null; address: string | null; latitude: number; longitude: number } | null;
  quoted: { id: number; text: string | null } | null;
  staff: { id: number; displayName: string } | null;
  automatic: boolean;
  delivery: 'reply' | 'push' | null;
  status: 'pending' | 'sent' | 'failed' | null;
  readAt: string | null;
  erased: boolean;
  sentAt: string;
}

/** GET …/conversations/:id: the row, its last messages, and whether an answer goes free or as a push. */
export interface ConversationView {
  conversation: ConversationRow;
  messages: ChatMessageView[];
  reply: { token: 'fresh' | 'none'; freshUntil: string | null };
  push: { allowed: boolean; until: string | null; quotaLeft: number | null };
}

/** The inbox's filters, as the list's query. */
export interface InboxFilters {
  status: ConversationStatus | 'all';
  assignee: '' | 'me' | 'none';
  storeId: string;
  unread: boolean;
  q: string;
}

/** GET /api/staff/chat/members/:memberId/context. */
export interface MemberContext {
  member: {
    id: number;
    name: string | null;
    memberNumber: string;
    phone: string | null;
    tier: { code: string; name: string };
    pointsBalance: number;
    homeStore: { id: number; name: string } | null;
    joinedAt: string;
    tags: string[];
  };
  coupons: { id: number; code: string; title: string; expiresAt: string | null }[];
  purchases: { id: number; at: string; storeName: string | null; channel: string; amount: number }[];
  notes: MemberNote[];
}

export interface MemberNote {
  id: number;
  text: string;
  staff: { id: number; displayName: string } | null;
  createdAt: string;
}

export interface CannedReply {
  id: number;
  title: string;
  text: string;
}
