import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lineFriends } from '../../db/schema.ts';

export type LineFriend = typeof lineFriends.$inferSelect;

/** What LINE's profile tells us; any part may be missing when the profile could not be fetched. */
export interface FriendProfile {
  displayName?: string | null;
  pictureUrl?: string | null;
  language?: string | null;
}

/**
 * A LINE user added the account as a friend, or unblocked it: they become (again) a member candidate.
 * A profile that could not be fetched leaves the one already known in place.
 */
export function recordFollow(
  db: Db,
  lineUserId: string,
  profile: FriendProfile | null,
  at: Date,
): LineFriend {
  const known = {
    ...(profile?.displayName != null && { displayName: profile.displayName }),
    ...(profile?.pictureUrl != null && { pictureUrl: profile.pictureUrl }),
    ...(profile?.language != null && { language: profile.language }),
  };
  return db
    .insert(lineFriends)
    .values({ lineUserId, ...known, status: 'friend', followedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: lineFriends.lineUserId,
      set: { ...known, status: 'friend', followedAt: at, blockedAt: null, updatedAt: at },
    })
    .returning()
    .get();
}

/** The user blocked the account. Nothing is deleted: their record and history stay, marked blocked. */
export function recordUnfollow(db: Db, lineUserId: string, at: Date): void {
  db.insert(lineFriends)
    .values({ lineUserId, status: 'blocked', followedAt: at, blockedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: lineFriends.lineUserId,
      set: { status: 'blocked', blockedAt: at, updatedAt: at },
    })
    .run();
}

export function findFriend(db: Db, lineUserId: string): LineFriend | undefined {
  return db.select().from(lineFriends).where(eq(lineFriends.lineUserId, lineUserId)).get();
}

/**
 * LINE accepts a reply token for about a minute; a little less leaves time for the reply to arrive.
 * https://developers.line.biz/en/reference/messaging-api/#send-reply-message
 */
export const REPLY_TOKEN_FRESH_MS = 50_000;

/** Keeps the reply token of an event the product did not answer, for a message it may owe the friend soon. */
export function rememberUnusedReplyToken(db: Db, lineUserId: string, replyToken: string, at: Date): void {
  db.update(lineFriends)
    .set({ unusedReplyToken: replyToken, unusedReplyTokenAt: at })
    .where(eq(lineFriends.lineUserId, lineUserId))
    .run();
}

/** Takes the friend's unused reply token if it is still fresh; it can be taken once. */
export function takeFreshReplyToken(db: Db, lineUserId: string, now: Date): string | null {
  return db.transaction((tx) => {
    const fresh = tx
      .select({ token: lineFriends.unusedReplyToken })
      .from(lineFriends)
      .where(
        and(
          eq(lineFriends.lineUserId, lineUserId),
          isNotNull(lineFriends.unusedReplyToken),
          gt(lineFriends.unusedReplyTokenAt, new Date(now.getTime() - REPLY_TOKEN_FRESH_MS)),
        ),
      )
      .get();
    if (!fresh) return null;
    tx.update(lineFriends)
      .set({ unusedReplyToken: null, unusedReplyTokenAt: null })
      .where(eq(lineFriends.lineUserId, lineUserId))
      .run();
    return fresh.token;
  });
}
