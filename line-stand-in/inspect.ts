import type { StandInContext } from './context.ts';
import { quotaUsed } from './messaging/outbox.ts';
import { richMenuResponse } from './messaging/rich-menu-routes.ts';
import type { DeliveredMessage, Delivery, SendMethod, Shopper, WebhookEvent } from './types.ts';

export type ChatEntry =
  /** `readAt`: on message events, when the account marked it (or a later one) read; null until then. */
  | { from: 'shopper'; at: number; event: WebhookEvent; readAt?: number | null }
  /** `quoteToken`: the one LINE answered for this message, which a later message may quote. */
  | { from: 'account'; at: number; message: Record<string, unknown>; via: SendMethod; quoteToken?: string };

/** A loading animation the shopper sees now: from its start for loadingSeconds, or until the next message. */
export interface Loading {
  startedAt: number;
  endsAt: number;
}

const messageIdOf = (event: WebhookEvent) => (event.message as { id?: string } | undefined)?.id;

/**
 * When each of the shopper's messages was read: LINE's markAsRead marks the token's message and every earlier
 * one in the chat (https://developers.line.biz/en/reference/messaging-api/#mark-as-read), so a message is read
 * at the earliest time it or any later message was marked.
 */
function readTimes(ctx: StandInContext, userId: string): Map<string, number> {
  const marked = new Map<string, number>();
  for (const mark of Object.values(ctx.state.markAsReadTokens)) {
    if (mark.userId === userId && mark.readAt !== null) marked.set(mark.messageId, mark.readAt);
  }
  const read = new Map<string, number>();
  if (marked.size === 0) return read;
  const events = Object.values(ctx.state.events).filter((e) => e.source.userId === userId);
  let earliest: number | null = null;
  for (const event of events.reverse()) {
    const id = messageIdOf(event);
    if (!id) continue;
    const own = marked.get(id);
    if (own !== undefined) earliest = earliest === null ? own : Math.min(earliest, own);
    if (earliest !== null) read.set(id, earliest);
  }
  return read;
}

/** What LINE knows, read-only: for assertions in tests and for the demo's phone page. */
export function createInspector(ctx: StandInContext) {
  const { state } = ctx;
  return {
    /** Every message object delivered to the shopper, oldest first. */
    messagesTo: (userId: string): DeliveredMessage[] => state.messages.filter((m) => m.userId === userId),
    messages: (): DeliveredMessage[] => [...state.messages],
    /** Messages counted against this month's quota (replies are free). */
    quotaUsed: (): number => quotaUsed(ctx),
    quota: () => ({ limit: ctx.limits.monthlyQuota, used: quotaUsed(ctx) }),
    deliveries: (): Delivery[] => [...state.deliveries],
    /**
     * The chat as the shopper's LINE app shows it: what they sent (messages, postbacks shown by their
     * displayText, follow and block) and what the account sent them, oldest first.
     */
    chatOf: (userId: string): ChatEntry[] => {
      const own = Object.values(state.events).filter(
        (e) => e.source.userId === userId && !e.deliveryContext.isRedelivery,
      );
      const unsent = new Set(
        own.flatMap((e) => (e.type === 'unsend' ? [(e.unsend as { messageId: string }).messageId] : [])),
      );
      const read = readTimes(ctx, userId);
      const sent: ChatEntry[] = own
        .filter((e) => !unsent.has(messageIdOf(e) ?? ''))
        .map((e) => {
          const id = messageIdOf(e);
          return {
            from: 'shopper' as const,
            at: e.timestamp,
            event: e,
            ...(id && { readAt: read.get(id) ?? null }),
          };
        });
      const received: ChatEntry[] = state.messages
        .filter((m) => m.userId === userId)
        .map((m) => ({
          from: 'account' as const,
          at: m.at,
          message: m.message,
          via: m.via,
          ...(m.quoteToken && { quoteToken: m.quoteToken }),
        }));
      return [...sent, ...received].sort((a, b) => a.at - b.at);
    },
    /**
     * The loading animation the shopper sees now, if any: the latest one started for their chat, shown for its
     * loadingSeconds or until the account's next message reaches them, whichever comes first.
     */
    loadingOf(userId: string): Loading | null {
      const start = state.loadingAnimations.findLast((a) => a.chatId === userId);
      if (!start) return null;
      const endsAt = start.at + start.loadingSeconds * 1000;
      if (ctx.now() >= endsAt) return null;
      const answered = state.messages.some((m) => m.userId === userId && m.at >= start.at);
      return answered ? null : { startedAt: start.at, endsAt };
    },
    /** The bytes of an image or file a shopper sent, while LINE still keeps them. */
    content(messageId: string): { contentType: string; bytes: Buffer } | null {
      const content = state.contents[messageId];
      return content
        ? { contentType: content.contentType, bytes: Buffer.from(content.base64, 'base64') }
        : null;
    },
    shoppers: (): Shopper[] => Object.values(state.shoppers),
    /** The menu the shopper sees: their own link, else the default, else none. */
    richMenuOf: (userId: string): string | null => state.userRichMenus[userId] ?? state.defaultRichMenuId,
    defaultRichMenu: (): string | null => state.defaultRichMenuId,
    richMenus: () =>
      Object.values(state.richMenus).map((menu) => ({
        ...richMenuResponse(menu),
        image: menu.image && {
          contentType: menu.image.contentType,
          bytes: Buffer.byteLength(menu.image.base64, 'base64'),
        },
      })),
    richMenuImage(richMenuId: string): { contentType: string; bytes: Buffer } | null {
      const image = state.richMenus[richMenuId]?.image;
      return image ? { contentType: image.contentType, bytes: Buffer.from(image.base64, 'base64') } : null;
    },
    richMenuAliases: () => ({ ...state.richMenuAliases }),
    loadingAnimations: () => [...state.loadingAnimations],
    /** When the shopper's message was read (it, or a later one, marked), by the message's ID. */
    readAt(messageId: string): number | null {
      const mark = Object.values(state.markAsReadTokens).find((t) => t.messageId === messageId);
      return mark ? (readTimes(ctx, mark.userId).get(messageId) ?? null) : null;
    },
  };
}

export type Inspector = ReturnType<typeof createInspector>;
