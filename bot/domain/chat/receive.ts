import type { Engine, Tx } from '../../../db/engine.ts';
import { rememberUnusedReplyTokenIn } from '../friends.ts';
import { announceIngested, type IncomingMessage, ingestIn } from './ingest.ts';
import { type AutomaticAnswer, planAutomaticAnswerIn, settleAutomaticAnswerIn } from './rules.ts';

/** Written in the same transaction as the message's last effects: the webhook inbox's done mark. */
export type AlsoWrite = (tx: Tx) => Promise<void>;

export interface Received {
  conversationId: number;
  /** The automatic answer to send with the reply token (recorded, pending), or null: nothing to send. */
  answer: AutomaticAnswer | null;
}

/**
 * A shopper's message as the webhook's message handler takes it in, in one write: the message joins its
 * conversation (ingest.ts); while its reply token is usable the chat's rules decide an automatic answer
 * (rules.ts), and a token no answer takes is kept for a message owed soon (friends.ts). With nothing to send,
 * `done` (the inbox's done mark) is written in the same transaction: one commit per message where there were four
 * (ADR 33). With an answer to send, the event stays pending until `automaticAnswerSent` settles both.
 *
 * Durable when an answer may be recorded (ADR 32: recorded before its reply goes), else relaxed as the done mark
 * is (ADR 3): a power cut loses the message with its mark, and the event is processed again.
 */
export async function receiveMessage(
  engine: Engine,
  incoming: IncomingMessage & { now: Date },
  replyToken: string | null,
  done: AlsoWrite,
): Promise<Received> {
  const received = await engine.write(
    async (tx) => {
      const ingested = await ingestIn(tx, incoming);
      const { conversationId } = ingested;
      const answer =
        replyToken === null
          ? null
          : await planAutomaticAnswerIn(tx, {
              conversationId,
              webhookEventId: incoming.webhookEventId,
              text: incoming.message.type === 'text' ? (incoming.message.text ?? '') : null,
              now: incoming.now,
              justIngested: ingested.conversation,
            });
      if (!answer) {
        if (replyToken !== null) {
          await rememberUnusedReplyTokenIn(tx, incoming.lineUserId, replyToken, incoming.sentAt);
        }
        await done(tx);
      }
      return { ingested, received: { conversationId, answer } };
    },
    { durability: replyToken === null ? 'relaxed' : 'full' },
  );
  announceIngested(engine, received.ingested, incoming.message);
  return received.received;
}

/**
 * How the automatic answer's reply ended (`sent`, or `withdrawn`: LINE refused the token), settled in one write
 * with `done`, the inbox's done mark. Durable: a sent answer lost in a power cut would be planned again and its
 * used token refused, and the answer the shopper read withdrawn from the log.
 */
export async function automaticAnswerSent(
  engine: Engine,
  answer: AutomaticAnswer,
  outcome: 'sent' | 'withdrawn',
  now: Date,
  done: AlsoWrite,
): Promise<void> {
  await engine.write(async (tx) => {
    await settleAutomaticAnswerIn(tx, answer, outcome, now);
    await done(tx);
  });
  if (outcome === 'sent') engine.signal('chat');
}
