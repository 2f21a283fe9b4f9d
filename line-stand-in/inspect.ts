import type { StandInContext } from './context.ts';
import { quotaUsed } from './messaging/outbox.ts';
import { richMenuResponse } from './messaging/rich-menu-routes.ts';
import type { DeliveredMessage, Delivery, Shopper } from './types.ts';

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
