import type { StandInContext } from './context.ts';
import { notFound } from './line-errors.ts';
import { type IdTokenOptions, idTokenClaims } from './login.ts';
import { newId } from './state.ts';
import type { Delivery, Shopper, WebhookEvent } from './types.ts';
import {
  baseEvent,
  type EventMode,
  type IncomingMessage,
  issueReplyToken,
  messageContent,
  type StickerResourceType,
} from './webhook-events.ts';

export interface NewShopper {
  displayName?: string;
  language?: string;
  pictureUrl?: string;
  statusMessage?: string;
}

/** Options of every simulated action: `mode: 'standby'` when another channel holds the chat. */
export interface ActionOptions {
  mode?: EventMode;
}

const SAMPLE_NAMES = ['王小明', '陳美玲', '林志偉', '黃淑芬', '張家豪', '李怡君', '吳建宏', '劉雅婷'];

/**
 * Simulated LINE users. Each action changes what LINE would know (friendship, messages) and delivers the
 * event LINE would send to the webhook, answering with the delivery (status, latency, the events).
 */
export function createShoppers(ctx: StandInContext) {
  const { state } = ctx;

  function get(userId: string): Shopper {
    const shopper = state.shoppers[userId];
    if (!shopper) throw notFound(`No simulated shopper ${userId}`);
    return shopper;
  }

  async function send(event: WebhookEvent): Promise<Delivery> {
    state.events[event.webhookEventId] = event;
    return ctx.webhook.deliver([event]);
  }

  function event(type: string, userId: string, options: ActionOptions, replyable: boolean) {
    const at = ctx.now();
    const mode = options.mode ?? 'active';
    const reply = replyable ? issueReplyToken(state, userId, at, mode) : {};
    return { ...baseEvent(type, userId, at, mode), ...reply };
  }

  async function befriend(userId: string, isUnblocked: boolean, options: ActionOptions) {
    const shopper = get(userId);
    shopper.friendship = 'friend';
    if (!state.followOrder.includes(userId)) state.followOrder.push(userId);
    return send({ ...event('follow', userId, options, true), follow: { isUnblocked } });
  }

  async function say(userId: string, incoming: IncomingMessage, options: ActionOptions) {
    get(userId);
    return send({
      ...event('message', userId, options, true),
      message: messageContent(state, userId, incoming),
    });
  }

  return {
    create(input: NewShopper = {}): Shopper {
      const userId = newId.user();
      const count = Object.keys(state.shoppers).length;
      const shopper: Shopper = {
        userId,
        displayName: input.displayName ?? SAMPLE_NAMES[count % SAMPLE_NAMES.length]!,
        pictureUrl: input.pictureUrl ?? `https://profile.line-scdn.net/stand-in/${userId}`,
        language: input.language ?? 'zh-TW',
        ...(input.statusMessage !== undefined && { statusMessage: input.statusMessage }),
        friendship: 'stranger',
      };
      state.shoppers[userId] = shopper;
      return shopper;
    },
    get,
    list: (): Shopper[] => Object.values(state.shoppers),
    /** Adds the account as a friend. */
    follow: (userId: string, options: ActionOptions = {}) => befriend(userId, false, options),
    /** Unblocks the account: LINE sends a follow event with `follow.isUnblocked: true`. */
    async unblock(userId: string, options: ActionOptions = {}) {
      if (get(userId).friendship !== 'blocked') throw notFound(`${userId} has not blocked the account`);
      return befriend(userId, true, options);
    },
    /** Blocks the account: an unfollow event, which has no reply token. */
    async block(userId: string, options: ActionOptions = {}) {
      get(userId).friendship = 'blocked';
      return send(event('unfollow', userId, options, false));
    },
    sendText: (userId: string, text: string, options: ActionOptions = {}) =>
      say(userId, { type: 'text', text }, options),
    sendSticker: (
      userId: string,
      packageId: string,
      stickerId: string,
      options: ActionOptions & { stickerResourceType?: StickerResourceType; keywords?: string[] } = {},
    ) => {
      const { stickerResourceType, keywords, ...rest } = options;
      return say(
        userId,
        {
          type: 'sticker',
          packageId,
          stickerId,
          ...(stickerResourceType && { stickerResourceType }),
          ...(keywords && { keywords }),
        },
        rest,
      );
    },
    sendImage: (
      userId: string,
      image: { bytes?: Buffer; contentType?: string } = {},
      options: ActionOptions = {},
    ) => say(userId, { type: 'image', ...image }, options),
    /** A file (a PDF, a document...): LINE's event names it and its size; the bytes wait on the data host. */
    sendFile: (
      userId: string,
      file: { fileName: string; bytes: Buffer; contentType?: string },
      options: ActionOptions = {},
    ) => say(userId, { type: 'file', ...file }, options),
    /**
     * The shopper unsends one of their messages: LINE sends an unsend event (no reply token), the message
     * leaves their chat, and its content is gone from the data host (404).
     */
    async unsend(userId: string, messageId: string, options: ActionOptions = {}) {
      const sent = Object.values(state.events).some(
        (e) => e.source.userId === userId && (e.message as { id?: string } | undefined)?.id === messageId,
      );
      if (!sent) throw notFound(`${userId} sent no message ${messageId}`);
      delete state.contents[messageId];
      return send({ ...event('unsend', userId, options, false), unsend: { messageId } });
    },
    sendLocation: (
      userId: string,
      place: { title?: string; address?: string; latitude: number; longitude: number },
      options: ActionOptions = {},
    ) => say(userId, { type: 'location', ...place }, options),
    /** A tap on a postback action; `params` as date pickers send them (`{date}`, `{time}` or `{datetime}`). */
    async postback(
      userId: string,
      data: string,
      params?: Record<string, string>,
      options: ActionOptions = {},
    ) {
      get(userId);
      return send({
        ...event('postback', userId, options, true),
        postback: { data, ...(params && { params }) },
      });
    },
    /** LINE's webhook redelivery: the same event (same id, same reply token), marked as redelivered. */
    async redeliver(webhookEventId: string): Promise<Delivery> {
      const original = state.events[webhookEventId];
      if (!original) throw notFound(`No webhook event ${webhookEventId}`);
      return ctx.webhook.deliver([{ ...original, deliveryContext: { isRedelivery: true } }]);
    },
    /** A LIFF ID token for this shopper, signed with the current LINE Login key. */
    async idToken(userId: string, options: IdTokenOptions = {}): Promise<string> {
      const claims = idTokenClaims(get(userId), {
        ...options,
        loginChannelId: ctx.channel.loginChannelId,
        nowMs: ctx.now(),
        lifetimeSeconds: ctx.limits.idTokenLifetimeSeconds,
      });
      return ctx.login.sign(claims);
    },
  };
}

export type Shoppers = ReturnType<typeof createShoppers>;
