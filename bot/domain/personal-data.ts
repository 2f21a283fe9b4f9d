import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chatMessages, lineFriends, members, pointLots, pointsLedger } from '../../db/schema.ts';
import { type Member, newCardId, newCardSecret } from './members.ts';

/**
 * The LINE account lets go of the membership. The membership, its points and its history stay; the card's codes
 * stop working; the member can bind a LINE account again by claiming (phone and birthday).
 */
export function unbindMembership(db: Db, member: Member, now: Date): void {
  db.update(members)
    .set({
      lineUserId: null,
      boundAt: null,
      cardId: newCardId(),
      cardSecret: newCardSecret(),
      updatedAt: now,
    })
    .where(eq(members.id, member.id))
    .run();
}

/**
 * Deletes a membership at the member's request (Personal Data Protection Act): every personal field is erased
 * and the LINE account unbound. The row and its ledger stay for the brand's accounting, tied to no person: only
 * the member number remains, and nothing links it to anyone any more.
 */
export function deleteMembership(db: Db, member: Member, now: Date): void {
  db.update(members)
    .set({
      status: 'deleted',
      lineUserId: null,
      phone: null,
      name: null,
      birthday: null,
      gender: null,
      email: null,
      homeStoreId: null,
      marketingOptIn: false,
      marketingOptInAt: null,
      cardId: newCardId(),
      cardSecret: newCardSecret(),
      boundAt: null,
      deletedAt: now,
      updatedAt: now,
    })
    .where(eq(members.id, member.id))
    .run();
}

/** Everything the product holds about the member and their LINE account, as the member can download it. */
export function exportMemberData(db: Db, member: Member, now: Date) {
  const { cardSecret: _secret, cardId: _cardId, ...membership } = member;
  const lineUserId = member.lineUserId;
  return {
    exportedAt: now.toISOString(),
    membership,
    pointsLedger: db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, member.id))
      .orderBy(asc(pointsLedger.id))
      .all(),
    pointLots: db
      .select()
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(asc(pointLots.id))
      .all(),
    lineProfile: lineUserId
      ? (db.select().from(lineFriends).where(eq(lineFriends.lineUserId, lineUserId)).get() ?? null)
      : null,
    chat: lineUserId
      ? db
          .select()
          .from(chatMessages)
          .where(eq(chatMessages.lineUserId, lineUserId))
          .orderBy(asc(chatMessages.id))
          .all()
      : [],
  };
}
