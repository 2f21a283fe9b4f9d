import { eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMedia, chatMessages, chatSettings } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { earlierAnswer, type RecordedAnswer, recordOutgoing } from './answer.ts';
import { type MediaSignature, mediaLink } from './media-links.ts';
import { conversationInScope, viewerOf } from './scope.ts';

/**
 * LINE's limits for an image message: JPEG or PNG, the original at most 10 MB, the preview at most 1 MB
 * (https://developers.line.biz/en/reference/messaging-api/#image-message). Read as decimal megabytes, the
 * stricter reading, so an image taken here is never one LINE finds too large.
 */
export const IMAGE_MAX_BYTES = 10_000_000;
export const PREVIEW_MAX_BYTES = 1_000_000;

export type ImageType = 'image/jpeg' | 'image/png';

/** What a file is by its first bytes, whatever it is called: JPEG (FF D8 FF), PNG (its 8-byte signature), or neither. */
export function imageTypeOf(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes.subarray(0, 8).equals(png) ? 'image/png' : null;
}

/** An image a staff member sends: the original the shopper opens and the preview the console made for the chat. */
export interface StaffImageAnswer {
  original: Buffer;
  preview: Buffer;
  /** The page's uuid for this answer, as for a text answer. */
  requestId: string;
}

/** Where LINE fetches images from (PUBLIC_URL; null: nowhere, so no image can be sent) and how links are signed. */
export interface ImageLinks {
  publicUrl: string | null;
  signature: MediaSignature;
}

function checked(bytes: Buffer, field: 'original' | 'preview', maxBytes: number): ImageType {
  const type = imageTypeOf(bytes);
  if (!type) {
    throw new DomainError('CHAT_IMAGE_TYPE', '只能傳送 JPEG 或 PNG 圖片', { field });
  }
  if (bytes.length > maxBytes) {
    const limit = field === 'original' ? '圖片不可超過 10 MB' : '預覽圖不可超過 1 MB';
    throw new DomainError('CHAT_IMAGE_TOO_LARGE', limit, { field, maxBytes });
  }
  return type;
}

const DAY_MS = 86_400_000;

/**
 * Records an image staff send as the conversation's outgoing media (the original and its preview, kept as bytes
 * until the chat's retention period erases them) and as an answer like a text one: pending before anything goes
 * to LINE, under the requestId, with the fresh reply token when there is one. Its LINE message links to both
 * files under PUBLIC_URL, signed until the retention period ends. Refused without PUBLIC_URL (LINE fetches
 * images over https only), and for anything but a JPEG or PNG within LINE's sizes, judged by its bytes.
 */
export function recordImageAnswer(
  engine: Engine,
  actor: Actor,
  conversationId: number,
  answer: StaffImageAnswer,
  links: ImageLinks,
  now: Date,
): Promise<RecordedAnswer> {
  ensureCan(actor, 'chat.reply');
  const { publicUrl, signature } = links;
  if (!publicUrl) {
    throw new DomainError(
      'CHAT_IMAGES_NEED_PUBLIC_URL',
      '傳送圖片需要設定 HTTPS 的 PUBLIC_URL：LINE 只從 https 網址取得圖片',
    );
  }
  const contentType = checked(answer.original, 'original', IMAGE_MAX_BYTES);
  checked(answer.preview, 'preview', PREVIEW_MAX_BYTES);
  return engine.write(async (tx) => {
    const conversation = await conversationInScope(tx, viewerOf(actor), conversationId);
    const earlier = await earlierAnswer(tx, conversation, answer.requestId, async (row) => {
      const [media] = await tx
        .select({ content: chatMedia.content })
        .from(chatMedia)
        .where(eq(chatMedia.messageId, row.id));
      return row.kind === 'image' && !!media?.content && Buffer.from(media.content).equals(answer.original);
    });
    if (earlier) return earlier;
    const [settings] = await tx
      .select({ days: chatSettings.retentionDays })
      .from(chatSettings)
      .where(eq(chatSettings.id, 1));
    const expiresAt = new Date(now.getTime() + (settings?.days ?? 180) * DAY_MS);
    const draft = { kind: 'image', text: null, payload: { type: 'image' }, quotedId: null };
    const recorded = await recordOutgoing(tx, actor, conversation, draft, answer.requestId, now);
    const id = recorded.message.id;
    const payload = {
      type: 'image',
      originalContentUrl: mediaLink(publicUrl, signature, id, 'original', expiresAt),
      previewImageUrl: mediaLink(publicUrl, signature, id, 'preview', expiresAt),
    };
    await tx.update(chatMessages).set({ payload }).where(eq(chatMessages.id, id));
    await tx.insert(chatMedia).values({
      messageId: id,
      status: 'fetched',
      contentType,
      size: answer.original.length,
      content: answer.original,
      preview: answer.preview,
      fetchedAt: now,
    });
    return { ...recorded, message: { ...recorded.message, payload } };
  });
}
