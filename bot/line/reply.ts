import type { messagingApi } from '@line/bot-sdk';
import { REPLY_TOKEN_FRESH_MS } from '../domain/friends.ts';
import type { EventContext } from './context.ts';
import { describeLineError, isLineStatus } from './errors.ts';

/**
 * Answers an event with a free reply. An event replayed after a restart may carry an expired token:
 * the reply is then skipped rather than turned into a push, which would cost the brand money.
 * A token LINE rejects (already used by an earlier attempt) is logged, not retried.
 */
export async function replyTo(
  ctx: EventContext,
  event: { replyToken?: string; timestamp: number },
  messages: messagingApi.Message[],
): Promise<boolean> {
  if (!event.replyToken) return false;
  if (ctx.clock.now().getTime() - event.timestamp > REPLY_TOKEN_FRESH_MS) {
    ctx.log.info('reply token too old, reply skipped');
    return false;
  }
  try {
    await ctx.line.messaging.replyMessage({ replyToken: event.replyToken, messages });
    return true;
  } catch (error) {
    if (!isLineStatus(error, 400)) throw error;
    ctx.log.warn(describeLineError(error), 'LINE refused the reply');
    return false;
  }
}
