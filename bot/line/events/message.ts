import type { webhook } from '@line/bot-sdk';
import { eraseUnsentMessage, recordIncomingMessage } from '../../domain/chat.ts';
import { rememberUnusedReplyToken } from '../../domain/friends.ts';
import type { EventContext } from '../context.ts';
import { answerMemberRequest, memberRequestOf } from '../member-actions.ts';

/**
 * Whatever a shopper writes is kept in the conversation log that the one-to-one chat with staff reads. The
 * words 會員卡, 點數 and 優惠券 (card, points, coupons) are answered at once; otherwise the reply token is kept
 * for a moment, so a message owed soon (the welcome after joining) can be a free reply rather than a push.
 */
export async function onMessage(event: webhook.MessageEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!lineUserId) return;
  const sentAt = new Date(event.timestamp);
  await recordIncomingMessage(ctx.engine, {
    lineUserId,
    webhookEventId: event.webhookEventId,
    message: event.message,
    sentAt,
  });
  const request = event.message.type === 'text' ? memberRequestOf(event.message.text) : null;
  if (request) await answerMemberRequest(request, event, ctx);
  else if (event.replyToken) await rememberUnusedReplyToken(ctx.engine, lineUserId, event.replyToken, sentAt);
}

/** The shopper took a message back: its words leave the conversation log. */
export async function onUnsend(event: webhook.UnsendEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (lineUserId) await eraseUnsentMessage(ctx.engine, lineUserId, event.unsend.messageId);
}
