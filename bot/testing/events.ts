import { createHmac, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';

/** Webhook events shaped as in LINE's webhook.yml examples, for tests that post to /webhook directly. */
const base = (type: string, userId: string, timestamp: number) => ({
  type,
  mode: 'active',
  timestamp,
  source: { type: 'user', userId },
  webhookEventId: ulid(timestamp),
  deliveryContext: { isRedelivery: false },
});

export const lineUserId = () => `U${randomBytes(16).toString('hex')}`;

export const textMessageEvent = (userId: string, text: string, timestamp = Date.now()) => ({
  ...base('message', userId, timestamp),
  replyToken: randomBytes(16).toString('hex'),
  message: {
    id: String(Math.floor(Math.random() * 1e17)),
    type: 'text',
    text,
    quoteToken: randomBytes(16).toString('base64url'),
    markAsReadToken: randomBytes(16).toString('base64url'),
  },
});

export const unsendEvent = (userId: string, messageId: string, timestamp = Date.now()) => ({
  ...base('unsend', userId, timestamp),
  unsend: { messageId },
});

export const unfollowEvent = (userId: string, timestamp = Date.now()) => base('unfollow', userId, timestamp);

export const webhookBody = (...events: object[]) => ({ destination: `U${'0'.repeat(32)}`, events });

/** LINE's webhook signature: Base64 HMAC-SHA256 of the raw body with the channel secret. */
export function sign(raw: string | Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(raw).digest('base64');
}
