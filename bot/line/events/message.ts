import type { webhook } from '@line/bot-sdk';
import { recordIncomingMessage } from '../../domain/chat.ts';
import type { EventContext } from '../context.ts';

/** Whatever a shopper writes is kept in the conversation log that the one-to-one chat with staff reads. */
export async function onMessage(event: webhook.MessageEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!lineUserId) return;
  recordIncomingMessage(ctx.db, {
    lineUserId,
    webhookEventId: event.webhookEventId,
    message: event.message,
    sentAt: new Date(event.timestamp),
  });
}
