import { ulid } from 'ulid';
import { newId, type StandInState } from './state.ts';
import type { WebhookEvent } from './types.ts';

export type EventMode = 'active' | 'standby';

/** What every event carries (webhook.yml `Event`), for a one-to-one chat with `userId`. */
export function baseEvent(type: string, userId: string, at: number, mode: EventMode): WebhookEvent {
  return {
    type,
    mode,
    timestamp: at,
    source: { type: 'user', userId },
    webhookEventId: ulid(at),
    deliveryContext: { isRedelivery: false },
  };
}

/**
 * A reply token for an event that can be answered. In standby mode another channel answers, so LINE sends
 * no token (https://developers.line.biz/en/docs/partner-docs/module-technical-chat-mode/).
 */
export function issueReplyToken(state: StandInState, userId: string, at: number, mode: EventMode) {
  if (mode === 'standby') return {};
  const replyToken = newId.replyToken();
  state.replyTokens[replyToken] = { userId, issuedAt: at, used: false };
  return { replyToken };
}

export type IncomingMessage =
  | { type: 'text'; text: string }
  | {
      type: 'sticker';
      packageId: string;
      stickerId: string;
      stickerResourceType?: StickerResourceType;
      keywords?: string[];
    }
  | { type: 'image'; contentType?: string; bytes?: Buffer }
  | { type: 'file'; fileName: string; contentType?: string; bytes: Buffer }
  | { type: 'location'; title?: string; address?: string; latitude: number; longitude: number };

/** webhook.yml `StickerMessageContent.stickerResourceType`. */
export const STICKER_RESOURCE_TYPES = [
  'STATIC',
  'ANIMATION',
  'SOUND',
  'ANIMATION_SOUND',
  'POPUP',
  'POPUP_SOUND',
  'CUSTOM',
  'MESSAGE',
  'NAME_TEXT',
  'PER_STICKER_TEXT',
] as const;
export type StickerResourceType = (typeof STICKER_RESOURCE_TYPES)[number];

/** A 1x1 transparent PNG: what a simulated shopper's photo contains unless the test gives bytes. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The `message` of a message event (webhook.yml `MessageContent` subtypes), storing the bytes of images and
 * files for `GET /v2/bot/message/{messageId}/content`. Files carry no `quoteToken` (LINE's app cannot quote them).
 */
export function messageContent(state: StandInState, userId: string, incoming: IncomingMessage) {
  const id = newId.message();
  const markAsReadToken = newId.markAsReadToken();
  state.markAsReadTokens[markAsReadToken] = { userId, messageId: id, readAt: null };
  switch (incoming.type) {
    case 'text':
      return { id, type: 'text', text: incoming.text, quoteToken: newId.quoteToken(), markAsReadToken };
    case 'sticker':
      return {
        id,
        type: 'sticker',
        packageId: incoming.packageId,
        stickerId: incoming.stickerId,
        stickerResourceType: incoming.stickerResourceType ?? 'STATIC',
        ...(incoming.keywords && { keywords: incoming.keywords }),
        quoteToken: newId.quoteToken(),
        markAsReadToken,
      };
    case 'image': {
      const bytes = incoming.bytes ?? TINY_PNG;
      state.contents[id] = {
        contentType: incoming.contentType ?? 'image/png',
        base64: bytes.toString('base64'),
      };
      return {
        id,
        type: 'image',
        contentProvider: { type: 'line' },
        quoteToken: newId.quoteToken(),
        markAsReadToken,
      };
    }
    case 'file':
      state.contents[id] = {
        contentType: incoming.contentType || 'application/octet-stream',
        base64: incoming.bytes.toString('base64'),
      };
      return {
        id,
        type: 'file',
        fileName: incoming.fileName,
        fileSize: incoming.bytes.length,
        markAsReadToken,
      };
    case 'location': {
      const { title, address, latitude, longitude } = incoming;
      return { id, type: 'location', title, address, latitude, longitude, markAsReadToken };
    }
  }
}
