import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type {
  DeliveredMessage,
  Delivery,
  SentMessageRecord,
  Shopper,
  StoredRichMenu,
  Violation,
  WebhookEvent,
} from './types.ts';

export interface ReplyTokenRecord {
  userId: string;
  issuedAt: number;
  used: boolean;
}

export interface RetryKeyRecord {
  operationId: string;
  requestId: string;
  acceptedAt: number;
  sentMessages?: SentMessageRecord[];
}

export interface NarrowcastRecord {
  requestId: string;
  acceptedAt: number;
  targetCount: number;
}

/**
 * Everything the stand-in knows, in plain records and arrays of JSON values, so it can be dumped and
 * reloaded later (the demo may then keep its shoppers across restarts).
 */
export interface StandInState {
  shoppers: Record<string, Shopper>;
  /** userIds in the order they first became friends: the order of `GET /v2/bot/followers/ids`. */
  followOrder: string[];
  messages: DeliveredMessage[];
  replyTokens: Record<string, ReplyTokenRecord>;
  markAsReadTokens: Record<string, { userId: string; messageId: string; readAt: number | null }>;
  /** Bytes of images shoppers sent, for `GET /v2/bot/message/{messageId}/content`. */
  contents: Record<string, { contentType: string; base64: string }>;
  richMenus: Record<string, StoredRichMenu>;
  richMenuAliases: Record<string, string>;
  defaultRichMenuId: string | null;
  userRichMenus: Record<string, string>;
  quota: { month: string; used: number };
  retryKeys: Record<string, RetryKeyRecord>;
  narrowcasts: Record<string, NarrowcastRecord>;
  loadingAnimations: { chatId: string; loadingSeconds: number; at: number }[];
  events: Record<string, WebhookEvent>;
  deliveries: Delivery[];
  violations: Violation[];
}

export function createState(): StandInState {
  return {
    shoppers: {},
    followOrder: [],
    messages: [],
    replyTokens: {},
    markAsReadTokens: {},
    contents: {},
    richMenus: {},
    richMenuAliases: {},
    defaultRichMenuId: null,
    userRichMenus: {},
    quota: { month: '', used: 0 },
    retryKeys: {},
    narrowcasts: {},
    loadingAnimations: [],
    events: {},
    deliveries: [],
    violations: [],
  };
}

/** Identifiers in LINE's formats. */
export const newId = {
  user: () => `U${randomBytes(16).toString('hex')}`,
  /** LINE message IDs are decimal strings of about 18 digits. */
  message: () => `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}`,
  replyToken: () => randomBytes(16).toString('hex'),
  quoteToken: () => randomBytes(48).toString('base64url'),
  markAsReadToken: () => randomBytes(24).toString('base64url'),
  richMenu: () => `richmenu-${randomBytes(16).toString('hex')}`,
  request: () => randomUUID(),
};

export const USER_ID = /^U[0-9a-f]{32}$/;
