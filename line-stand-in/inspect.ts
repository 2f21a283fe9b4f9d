import type { StandInContext } from './context.ts';
import { quotaUsed } from './messaging/outbox.ts';
import { richMenuResponse } from './messaging/rich-menu-routes.ts';
import type { DeliveredMessage, Delivery, SendMethod, Shopper, WebhookEvent } from './types.ts';

export type ChatEntry =
  | { from: 'shopper'; at: number; event: WebhookEvent }
  | { from: 'account'; at: number; message: Record<string, unknown>; via: SendMethod };

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
      const sent: ChatEntry[] = Object.values(state.events)
        .filter((e) => e.source.userId === userId && !e.deliveryContext.isRedelivery)
        .map((e) => ({ from: 'shopper' as const, at: e.timestamp, event: e }));
      const received: ChatEntry[] = state.messages
        .filter((m) => m.userId === userId)
        .map((m) => ({ from: 'account' as const, at: m.at, message: m.message, via: m.via }));
      return [...sent, ...received].sort((a, b) => a.at - b.at);
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
    /** Whether the product marked the shopper's message as read, by the message's ID. */
    readAt: (messageId: string): number | null =>
      Object.values(state.markAsReadTokens).find((t) => t.messageId === messageId)?.readAt ?? null,
  };
}

export type Inspector = ReturnType<typeof createInspector>;
