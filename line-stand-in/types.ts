/** The shapes the stand-in shows to tests, the demo's phone page and the control API. All plain JSON. */

export type Friendship = 'stranger' | 'friend' | 'blocked';

/** A simulated LINE user: someone who can add the account, chat with it and open the LIFF app. */
export interface Shopper {
  userId: string;
  displayName: string;
  pictureUrl: string;
  language: string;
  statusMessage?: string;
  friendship: Friendship;
}

export type SendMethod = 'reply' | 'push' | 'multicast' | 'broadcast' | 'narrowcast';

/** One message object as a shopper's LINE app received it, with how and by which request it came. */
export interface DeliveredMessage {
  userId: string;
  message: Record<string, unknown>;
  via: SendMethod;
  /** The `x-line-request-id` LINE answered the sending request with. */
  requestId: string;
  retryKey: string | null;
  sentMessageId: string;
  /** The quote token LINE answered for this message (text, sticker, image, video), so a later one may quote it. */
  quoteToken?: string;
  at: number;
}

/** A webhook event as LINE sends it (webhook.yml `Event`). */
export interface WebhookEvent {
  type: string;
  mode: 'active' | 'standby';
  timestamp: number;
  source: { type: 'user'; userId: string };
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
  replyToken?: string;
  [property: string]: unknown;
}

/** One POST to the product's webhook URL and what came of it. */
export interface Delivery {
  url: string | null;
  events: WebhookEvent[];
  /** HTTP status the product answered; null when nothing answered (no URL, refused, timed out). */
  status: number | null;
  latencyMs: number;
  /** LINE counts an answer slower than 2 seconds as a failed delivery. */
  timedOut: boolean;
  error: string | null;
  at: number;
}

/** A request the product sent that LINE would refuse as malformed, whatever the account's state. */
export interface Violation {
  operationId: string;
  method: string;
  path: string;
  requestId: string;
  message: string;
  details: ErrorDetail[];
  at: number;
}

export interface ErrorDetail {
  message: string;
  property: string;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** LINE's limits, overridable so tests can reach them with a handful of requests. */
export interface Limits {
  /** Per operationId (as in messaging-api.yml); operations not listed get `defaultRate`. */
  rates: Record<string, RateLimit>;
  defaultRate: RateLimit;
  /** Messages a month counted per recipient (push, multicast, narrowcast, broadcast); null: unlimited. */
  monthlyQuota: number | null;
  replyTokenTtlMs: number;
  retryKeyTtlMs: number;
  webhookTimeoutMs: number;
  idTokenLifetimeSeconds: number;
  richMenusPerChannel: number;
}

/** What goes wrong on one endpoint, as fractions of its requests (drawn from the seeded generator). */
export interface FaultRule {
  serverErrorRate?: number;
  rateLimitRate?: number;
  dropRate?: number;
  /** Added before answering, in real milliseconds. */
  latencyMs?: number;
  serverErrorStatus?: 500 | 502 | 503 | 504;
}

/** Keys: an operationId (`pushMessage`), a path (`/v2/bot/message/push`), `METHOD path`, or `*`. */
export type FaultPlan = Record<string, FaultRule>;

export interface StoredRichMenu {
  richMenuId: string;
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: unknown[];
  image: { contentType: string; base64: string } | null;
  createdAt: number;
}

/** What push and reply answer for each message: `{id, quoteToken}`. */
export interface SentMessageRecord {
  id: string;
  quoteToken?: string;
}
