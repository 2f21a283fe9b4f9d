import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lineFriends } from '../../db/schema.ts';

export type LineFriend = typeof lineFriends.$inferSelect;

/** What LINE's profile tells us; any part may be missing when the profile could not be fetched. */
export interface FriendProfile {
  displayName?: string | null;
  pictureUrl?: string | null;
  language?: string | null;
}

// Follows, unfollows and unused reply tokens are written while a webhook event is processed, and kept with
// relaxed durability as the event's done mark is (ADR 0003): what a power cut loses, it loses with that mark, and
// the event is processed again.

/**
 * A LINE user added the account as a friend, or unblocked it: they become (again) a member candidate.
 * A profile that could not be fetched leaves the one already known in place.
 */
export function recordFollow(
  engine: Engine,
  lineUserId: string,
  profile: FriendProfile | null,
  at: Date,
): Promise<LineFriend> {
  const known = {
    ...(profile?.displayName != null && { displayName: profile.displayName }),
    ...(profile?.pictureUrl != null && { pictureUrl: profile.pictureUrl }),
    ...(profile?.language != null && { language: profile.language }),
  };
  return engine.write(
    async (tx) => {
      const [friend] = await tx
        .insert(lineFriends)
        .values({ lineUserId, ...known, status: 'friend', followedAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: lineFriends.lineUserId,
          set: { ...known, status: 'friend', followedAt: at, blockedAt: null, updatedAt: at },
        })
        .returning();
      return friend!;
    },
    { durability: 'relaxed' },
  );
}

/** The user blocked the account. Nothing is deleted: their record and history stay, marked blocked. */
export async function recordUnfollow(engine: Engine, lineUserId: string, at: Date): Promise<void> {
  await engine.write(
    async (tx) => {
      await tx
        .insert(lineFriends)
        .values({ lineUserId, status: 'blocked', followedAt: at, blockedAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: lineFriends.lineUserId,
          set: { status: 'blocked', blockedAt: at, updatedAt: at },
        });
    },
    { durability: 'relaxed' },
  );
}

export async function findFriend(tx: Tx, lineUserId: string): Promise<LineFriend | undefined> {
  const [friend] = await tx.select().from(lineFriends).where(eq(lineFriends.lineUserId, lineUserId));
  return friend;
}

/**
 * LINE accepts a reply token for about a minute; a little less leaves time for the reply to arrive.
 * https://developers.line.biz/en/reference/messaging-api/#send-reply-message
 */
export const REPLY_TOKEN_FRESH_MS = 50_000;

/** Keeps the reply token of an event the product did not answer, for a message it may owe the friend soon. */
export async function rememberUnusedReplyToken(
  engine: Engine,
  lineUserId: string,
  replyToken: string,
  at: Date,
): Promise<void> {
  await engine.write((tx) => rememberUnusedReplyTokenIn(tx, lineUserId, replyToken, at), {
    durability: 'relaxed',
  });
}

/** rememberUnusedReplyToken inside a write of the caller's: the chat keeps it with the message it came with. */
export async function rememberUnusedReplyTokenIn(
  tx: Tx,
  lineUserId: string,
  replyToken: string,
  at: Date,
): Promise<void> {
  await tx
    .update(lineFriends)
    .set({ unusedReplyToken: replyToken, unusedReplyTokenAt: at })
    .where(eq(lineFriends.lineUserId, lineUserId));
}

/**
 * Takes the friend's unused reply token if it is still fresh; it can be taken once. The token is read, then
 * cleared only if it is still the one read: of two senders racing for it, one clears it and the other finds
 * nothing to clear. (`UPDATE … RETURNING` alone cannot give it: it returns the column as set, null.)
 */
export function takeFreshReplyToken(engine: Engine, lineUserId: string, now: Date): Promise<string | null> {
  return engine.write((tx) => takeFreshReplyTokenIn(tx, lineUserId, now));
}

/** takeFreshReplyToken inside a transaction of the caller's: the chat records the answer it goes with there. */
export async function takeFreshReplyTokenIn(tx: Tx, lineUserId: string, now: Date): Promise<string | null> {
  const [fresh] = await tx
    .select({ token: lineFriends.unusedReplyToken })
    .from(lineFriends)
    .where(
      and(
        eq(lineFriends.lineUserId, lineUserId),
        isNotNull(lineFriends.unusedReplyToken),
        gt(lineFriends.unusedReplyTokenAt, new Date(now.getTime() - REPLY_TOKEN_FRESH_MS)),
      ),
    );
  if (!fresh?.token) return null;
  const taken = await tx
    .update(lineFriends)
    .set({ unusedReplyToken: null, unusedReplyTokenAt: null })
    .where(and(eq(lineFriends.lineUserId, lineUserId), eq(lineFriends.unusedReplyToken, fresh.token)))
    .returning({ lineUserId: lineFriends.lineUserId });
  return taken.length > 0 ? fresh.token : null;
}
