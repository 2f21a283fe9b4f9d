import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { chatMessages, lineFriends, memberNotes, members, pointLots, pointsLedger } from '../../db/schema.ts';
import { eraseChatWith } from './chat/erase.ts';
import { eraseTraces } from './erased-traces.ts';
import { type Member, newCardId, newCardSecret } from './members.ts';

/**
 * The membership as it was read, still bound to the same LINE account (or to none): not one that was let go of
 * and claimed by someone else in the meantime.
 */
const asRead = (member: Member) =>
  and(
    eq(members.id, member.id),
    member.lineUserId === null ? isNull(members.lineUserId) : eq(members.lineUserId, member.lineUserId),
  );

/**
 * The LINE account lets go of the membership. The membership, its points and its history stay; the card's codes
 * stop working; the member can bind a LINE account again by claiming (phone and birthday).
 */
export async function unbindMembership(engine: Engine, member: Member, now: Date): Promise<void> {
  await engine.write(async (tx) => {
    await tx
      .update(members)
      .set({
        lineUserId: null,
        boundAt: null,
        cardId: newCardId(),
        cardSecret: newCardSecret(),
        updatedAt: now,
      })
      .where(asRead(member));
  });
}

/**
 * Deletes a membership at the member's request (Personal Data Protection Act): every personal field is erased
 * and the LINE account unbound. The row and its ledger stay for the brand's accounting, tied to no person: only
 * the member number remains, and nothing links it to anyone any more. The chat with their LINE account (its
 * text and media) is erased and staff's notes on them deleted, and so is what else held them (erasedTraces).
 */
export async function deleteMembership(engine: Engine, member: Member, now: Date): Promise<void> {
  await engine.write((tx) => eraseMembership(tx, member, now));
  if (member.lineUserId) engine.signal('chat');
}

/** deleteMembership's writes, in the caller's transaction (the console's erase audits in the same one). */
export async function eraseMembership(tx: Tx, member: Member, now: Date): Promise<void> {
  if (member.lineUserId) await eraseChatWith(tx, member.lineUserId, now);
  await tx.delete(memberNotes).where(eq(memberNotes.memberId, member.id));
  await eraseTraces(tx, member);
  await tx
    .update(members)
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
    .where(asRead(member));
}

/** Everything the product holds about the member and their LINE account, as the member can download it. */
export function exportMemberData(engine: Engine, member: Member, now: Date) {
  const { cardSecret: _secret, cardId: _cardId, ...membership } = member;
  const lineUserId = member.lineUserId;
  return engine.read(async (tx) => ({
    exportedAt: now.toISOString(),
    membership,
    pointsLedger: await tx
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, member.id))
      .orderBy(asc(pointsLedger.id)),
    pointLots: await tx
      .select()
      .from(pointLots)
      .where(eq(pointLots.memberId, member.id))
      .orderBy(asc(pointLots.id)),
    lineProfile: lineUserId
      ? ((await tx.select().from(lineFriends).where(eq(lineFriends.lineUserId, lineUserId)))[0] ?? null)
      : null,
    chat: lineUserId
      ? await tx
          .select()
          .from(chatMessages)
          .where(eq(chatMessages.lineUserId, lineUserId))
          .orderBy(asc(chatMessages.id))
      : [],
  }));
}
