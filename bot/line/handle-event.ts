import type { webhook } from '@line/bot-sdk';
import type { AlsoWrite } from '../domain/chat/receive.ts';
import type { EventContext } from './context.ts';
import { onFollow, onUnfollow } from './events/follow.ts';
import { onMessage, onUnsend } from './events/message.ts';
import { routePostback } from './postback-actions.ts';

/**
 * One handler per event type; types the product does not use yet are recorded in the inbox and left there. A
 * handler may write `done`, the inbox's done mark, in its own last transaction (the message handler does); the
 * processor marks the others itself.
 */
export async function handleEvent(event: webhook.Event, ctx: EventContext, done: AlsoWrite): Promise<void> {
  switch (event.type) {
    case 'follow':
      return onFollow(event as webhook.FollowEvent, ctx);
    case 'unfollow':
      return onUnfollow(event as webhook.UnfollowEvent, ctx);
    case 'message':
      return onMessage(event as webhook.MessageEvent, ctx, done);
    case 'unsend':
      return onUnsend(event as webhook.UnsendEvent, ctx);
    case 'postback':
      return routePostback(event as webhook.PostbackEvent, ctx);
    default:
      ctx.log.debug({ type: event.type }, 'event type not handled');
  }
}
