import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { skippingLocked } from '../../../db/prepared.ts';
import { chatMedia, chatMessages } from '../../../db/schema.ts';
import { type Claim, claimable, leaseFor } from '../leases.ts';

/** A passing failure (LINE 5xx or 429, a timeout) is tried this often before the media is given up on. */
export const MEDIA_MAX_ATTEMPTS = 5;

/**
 * The most the chat keeps of one image, video, audio or file: 20 MB. LINE takes images and files a shopper sends
 * far larger (videos of minutes, files up to 1 GB), but the inbox shows a photo or a receipt, and a database row
 * of hundreds of megabytes would slow every backup; larger content is marked failed and stays in the shopper's
 * LINE app.
 */
export const MEDIA_MAX_BYTES = 20 * 1024 * 1024;

export interface MediaToFetch {
  messageId: number;
  /** LINE's message ID, for its content endpoint. */
  lineMessageId: string;
  attempts: number;
}

/**
 * Claims media still to fetch, oldest first, for `claim.leaseMs` (other instances pass over the rows being
 * claimed). Relaxed (ADR 3): a lost claim is claimed again, and fetching twice stores the same bytes.
 */
export function claimMedia(engine: Engine, claim: Claim): Promise<MediaToFetch[]> {
  if (claim.limit <= 0) return Promise.resolve([]);
  return engine.write(
    async (tx) => {
      const candidates = await skippingLocked(
        tx
          .select({ messageId: chatMedia.messageId })
          .from(chatMedia)
          .where(and(eq(chatMedia.status, 'pending'), claimable(chatMedia, claim.now)))
          .orderBy(asc(chatMedia.messageId))
          .limit(claim.limit),
      );
      if (candidates.length === 0) return [];
      const ids = candidates.map((c) => c.messageId);
      await tx
        .update(chatMedia)
        .set(leaseFor(claim))
        .where(and(inArray(chatMedia.messageId, ids), eq(chatMedia.status, 'pending')));
      return await tx
        .select({
          messageId: chatMedia.messageId,
          lineMessageId: chatMessages.lineMessageId,
          attempts: chatMedia.attempts,
        })
        .from(chatMedia)
        .innerJoin(chatMessages, eq(chatMessages.id, chatMedia.messageId))
        .where(inArray(chatMedia.messageId, ids))
        .then((rows) => rows.map((row) => ({ ...row, lineMessageId: row.lineMessageId ?? '' })));
    },
    { durability: 'relaxed' },
  );
}

export type MediaOutcome =
  | { status: 'fetched'; content: Buffer; contentType: string }
  | { status: 'retry'; retryAt: Date }
  | { status: 'failed' };

/**
 * Records how fetching ended, if the fetcher still holds the media and its message was not erased meanwhile
 * (unsent while it was being fetched: the bytes are dropped). Fetched media is never fetched again.
 */
export async function settleMedia(
  engine: Engine,
  messageId: number,
  worker: string,
  outcome: MediaOutcome,
  now: Date,
): Promise<void> {
  const settled = await engine.write(async (tx) => {
    const [held] = await tx
      .select({ attempts: chatMedia.attempts })
      .from(chatMedia)
      .innerJoin(chatMessages, eq(chatMessages.id, chatMedia.messageId))
      .where(
        and(
          eq(chatMedia.messageId, messageId),
          eq(chatMedia.status, 'pending'),
          eq(chatMedia.claimedBy, worker),
          isNull(chatMessages.erasedAt),
        ),
      );
    if (!held) return false;
    const release = { claimedBy: null, claimedUntil: null, attempts: held.attempts + 1 };
    const fields =
      outcome.status === 'fetched'
        ? {
            status: 'fetched' as const,
            content: outcome.content,
            contentType: outcome.contentType,
            size: outcome.content.length,
            fetchedAt: now,
            retryAt: null,
          }
        : outcome.status === 'retry' && held.attempts + 1 < MEDIA_MAX_ATTEMPTS
          ? { retryAt: outcome.retryAt }
          : { status: 'failed' as const, retryAt: null };
    await tx
      .update(chatMedia)
      .set({ ...release, ...fields })
      .where(eq(chatMedia.messageId, messageId));
    return 'status' in fields;
  });
  if (settled) engine.signal('chat');
}
