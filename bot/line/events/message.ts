import type { messagingApi, webhook } from '@line/bot-sdk';
import { eraseUnsentMessage } from '../../domain/chat/erase.ts';
import type { LineMessageObject } from '../../domain/chat/ingest.ts';
import { type AlsoWrite, automaticAnswerSent, receiveMessage } from '../../domain/chat/receive.ts';
import type { AutomaticAnswer } from '../../domain/chat/rules.ts';
import { REPLY_TOKEN_FRESH_MS } from '../../domain/friends.ts';
import type { EventContext } from '../context.ts';
import { memberAnswer } from '../member-actions.ts';
import { replyTo } from '../reply.ts';

/**
 * Whatever a shopper writes joins their conversation in the staff inbox. The chat's rules may answer at once
 * (a keyword reply, the away text, the "we will reply soon" text: bot/domain/chat/rules.ts), always with the free
 * reply token and never by push; a message they leave unanswered keeps its reply token for a moment, so a message
 * owed soon (the welcome after joining) can be a free reply rather than a push. The inbox's done mark (`done`) is
 * written with the message, or with the answer's outcome: one or two commits per message (ADR 33).
 */
export async function onMessage(
  event: webhook.MessageEvent,
  ctx: EventContext,
  done: AlsoWrite,
): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!lineUserId) return;
  const now = ctx.clock.now();
  // Without a reply token that LINE still takes (standby mode, a replay long after), nothing is answered.
  const usable = event.replyToken && now.getTime() - event.timestamp <= REPLY_TOKEN_FRESH_MS;
  const incoming = {
    lineUserId,
    webhookEventId: event.webhookEventId,
    message: event.message as LineMessageObject,
    sentAt: new Date(event.timestamp),
    now,
  };
  const { answer } = await receiveMessage(ctx.engine, incoming, usable ? event.replyToken! : null, done);
  if (!answer) return;
  const replied = await replyTo(ctx, event, [await automaticMessage(answer, lineUserId, ctx)]);
  await automaticAnswerSent(ctx.engine, answer, replied ? 'sent' : 'withdrawn', ctx.clock.now(), done);
}

function automaticMessage(
  { reply }: AutomaticAnswer,
  lineUserId: string,
  ctx: EventContext,
): Promise<messagingApi.Message> | messagingApi.Message {
  if (reply.kind === 'text') return { type: 'text', text: reply.text };
  return memberAnswer(reply.kind, lineUserId, ctx);
}

/** The shopper took a message back: its words and media leave the conversation log. */
export async function onUnsend(event: webhook.UnsendEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (lineUserId) await eraseUnsentMessage(ctx.engine, lineUserId, event.unsend.messageId, ctx.clock.now());
}
