import type { FastifyRequest } from 'fastify';
import type { StandInContext } from '../context.ts';
import { quotaMonth } from '../limits.ts';
import { LINE_MESSAGES, LineApiError } from '../line-errors.ts';
import { rememberRetryKey, repeatedRetryKey } from '../retry-keys.ts';
import { newId } from '../state.ts';
import type { SendMethod, SentMessageRecord } from '../types.ts';

type Message = Record<string, unknown>;

/** Message types a shopper can quote, for which LINE answers a `quoteToken`. */
const QUOTABLE = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

/** Messages used this month; the count starts again when the clock enters a new month. */
export function quotaUsed(ctx: StandInContext): number {
  const month = quotaMonth(ctx.now());
  if (ctx.state.quota.month !== month) ctx.state.quota = { month, used: 0 };
  return ctx.state.quota.used;
}

/** Friends among `userIds`: LINE delivers nothing to users who blocked the account, and does not count them. */
export function reachable(ctx: StandInContext, userIds: string[]): string[] {
  return [...new Set(userIds)].filter(
    (id) => ctx.state.shoppers[id]?.friendship === 'friend' || ctx.counted?.has(id),
  );
}

export function allFriends(ctx: StandInContext): string[] {
  return ctx.state.followOrder.filter((id) => ctx.state.shoppers[id]?.friendship === 'friend');
}

/**
 * Sends `messages` to each recipient, as one request LINE accepted: checks and charges the monthly quota
 * (per recipient, never for replies), records every message in each shopper's chat (count-only mode's friends:
 * counted under the request's aggregation unit instead), and remembers the retry key with what it answered.
 */
export function sendMessages(
  ctx: StandInContext,
  request: FastifyRequest,
  send: { via: SendMethod; recipients: string[]; messages: Message[]; unit?: string },
): SentMessageRecord[] {
  // Checked again here, in the same tick as it is remembered: two concurrent requests with one key send once.
  const repeat =
    request.retryKey && repeatedRetryKey(ctx.state, request.retryKey, ctx.now(), ctx.limits.retryKeyTtlMs);
  if (repeat) throw repeat;
  const charged = send.via === 'reply' ? 0 : send.recipients.length;
  const limit = ctx.limits.monthlyQuota;
  const used = quotaUsed(ctx);
  if (limit !== null && charged > 0 && used + charged > limit) {
    throw new LineApiError(429, LINE_MESSAGES.monthlyLimit);
  }
  ctx.state.quota.used = used + charged;

  const at = ctx.now();
  const sentMessages = send.messages.map((message) => ({
    id: newId.message(),
    ...(QUOTABLE.has(String(message.type)) && { quoteToken: newId.quoteToken() }),
  }));
  const counted = ctx.counted;
  if (counted)
    counted.deliver(
      send.recipients.filter((id) => counted.has(id)),
      send.unit ?? '',
    );
  for (const userId of send.recipients) {
    if (counted?.has(userId)) continue;
    send.messages.forEach((message, index) => {
      ctx.state.messages.push({
        userId,
        message,
        via: send.via,
        requestId: request.lineRequestId,
        retryKey: request.retryKey,
        sentMessageId: sentMessages[index]!.id,
        ...(sentMessages[index]!.quoteToken && { quoteToken: sentMessages[index]!.quoteToken }),
        at,
      });
    });
  }
  rememberRetryKey(ctx.state, request.retryKey, {
    operationId: send.via,
    requestId: request.lineRequestId,
    acceptedAt: at,
    ...(send.via === 'push' && { sentMessages }),
  });
  return sentMessages;
}
