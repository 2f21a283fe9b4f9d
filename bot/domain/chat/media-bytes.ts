import { and, eq, isNull } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMedia, chatMessages, conversations } from '../../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { type ImageType, imageTypeOf } from './image-answer.ts';
import type { ImageVariant } from './media-links.ts';
import { conversationInScope, type Viewer } from './scope.ts';

/**
 * The bytes of a chat message's image, video, audio or file, for a viewer who may see its conversation. Absent,
 * not yet fetched, erased, or outside their scope: CHAT_MESSAGE_NOT_FOUND (404) alike.
 */
export function mediaInScope(
  engine: Engine,
  viewer: Viewer,
  messageId: number,
): Promise<{ contentType: string; content: Buffer }> {
  return engine.read(async (tx) => {
    const notFound = new DomainError('CHAT_MESSAGE_NOT_FOUND', '找不到這個檔案');
    const [found] = await tx
      .select({
        conversationId: conversations.id,
        status: chatMedia.status,
        contentType: chatMedia.contentType,
        content: chatMedia.content,
      })
      .from(chatMessages)
      .innerJoin(chatMedia, eq(chatMedia.messageId, chatMessages.id))
      .innerJoin(conversations, eq(conversations.lineUserId, chatMessages.lineUserId))
      .where(and(eq(chatMessages.id, messageId), isNull(chatMessages.erasedAt)));
    if (!found) throw notFound;
    await conversationInScope(tx, viewer, found.conversationId).catch(() => {
      throw notFound;
    });
    if (found.status !== 'fetched' || !found.content) throw notFound;
    return {
      contentType: found.contentType ?? 'application/octet-stream',
      content: Buffer.from(found.content),
    };
  });
}

/**
 * One file of an image staff sent, for LINE fetching it by its signed link (the link was checked before): the
 * original or the preview, with its type told by its first bytes. Erased, not an image staff sent, or absent:
 * CHAT_MESSAGE_NOT_FOUND (404) alike.
 */
export function sentImage(
  engine: Engine,
  messageId: number,
  variant: ImageVariant,
): Promise<{ contentType: ImageType; content: Buffer }> {
  return engine.read(async (tx) => {
    const [found] = await tx
      .select({ status: chatMedia.status, content: chatMedia.content, preview: chatMedia.preview })
      .from(chatMessages)
      .innerJoin(chatMedia, eq(chatMedia.messageId, chatMessages.id))
      .where(
        and(
          eq(chatMessages.id, messageId),
          eq(chatMessages.direction, 'out'),
          eq(chatMessages.kind, 'image'),
          isNull(chatMessages.erasedAt),
        ),
      );
    const bytes = found?.status === 'fetched' ? found[variant === 'original' ? 'content' : 'preview'] : null;
    const content = bytes ? Buffer.from(bytes) : null;
    const contentType = content && imageTypeOf(content);
    if (!content || !contentType) throw new DomainError('CHAT_MESSAGE_NOT_FOUND', '找不到這個檔案');
    return { contentType, content };
  });
}
