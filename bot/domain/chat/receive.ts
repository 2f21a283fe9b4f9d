import { and, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { chatMessages } from '../../../db/schema.ts';
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
 * Relaxed, as the done mark is (ADR 3): a power cut loses the message with its mark, and the event is processed
 * again. An answer is recorded before its reply goes (ADR 32), so when one was planned a durable write follows
 * before this returns (answerOnDisk); the message with no answer, nearly every one, waits for no disk and, on
 * PostgreSQL, takes no connection from the pool the webhook's own writes wait for.
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
    { durability: 'relaxed' },
  );
  announceIngested(engine, received.ingested, incoming.message);
  const { answer } = received.received;
  if (answer) await engine.write((tx) => answerOnDisk(tx, answer));
  return received.received;
}

/**
 * Makes the relaxed write that recorded the answer durable before its reply goes: a durable commit after it
 * syncs it too, as both engines keep one log in commit order (SQLite's WAL synced by the group commit, PostgreSQL's
 * WAL flushed up to this commit). The update changes nothing but must write, for PostgreSQL to wait for its flush.
 */
async function answerOnDisk(tx: Tx, answer: AutomaticAnswer): Promise<void> {
  await tx
    .update(chatMessages)
    .set({ status: 'pending' })
    .where(and(eq(chatMessages.id, answer.messageId), eq(chatMessages.status, 'pending')));
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
