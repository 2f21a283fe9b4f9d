import { randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { placeholders, prepared } from '../../db/prepared.ts';
import { memberLookups, members, tiers } from '../../db/schema.ts';
import { maskName } from './counter.ts';
import { counterCouponsOf } from './counter-coupons.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { memberByCardCode } from './member-card.ts';
import { normalisePhone } from './member-fields.ts';
import type { Member } from './members.ts';
import { currentPolicy } from './points-policy.ts';
import { redemptionRules } from './purchases.ts';
import { tokenHashOf } from './session-tokens.ts';

/**
 * How the clerk knew the member at the counter. Only the card's current code (or a store manager's word) shows
 * the member is there: a phone or member number can be known by anyone, so it earns points but spends none.
 */
export type Proof = typeof memberLookups.$inferSelect.proof;
export type MemberLookup = typeof memberLookups.$inferSelect;

/** Long enough to ring up a basket and fetch a manager; short enough that a token left on a till is soon dead. */
export const LOOKUP_MINUTES = 10;

export type LookupQuery = { code: string } | { phone: string } | { memberNumber: string };

/** Where the lookup is made: the store the session works at and the clerk signed in. */
export interface CounterClerk {
  staffId: number;
  storeId: number;
}

/**
 * The member at the counter, found by the code on their card (QR or barcode, accepted only within its window),
 * by their mobile number or by their member number, as the clerk sees them (masked name, tier, balance, how
 * points can be redeemed), the coupons they can use at this store, and a lookup token to pay with, bound to this
 * clerk, store and proof.
 */
export async function lookUpMember(engine: Engine, query: LookupQuery, clerk: CounterClerk, now: Date) {
  const phone = 'phone' in query ? normalisePhone(query.phone) : null;
  if (phone !== null && !/^09\d{8}$/.test(phone)) throw new InvalidFields({ phone: 'PHONE_INVALID' });
  const memberNumber = 'memberNumber' in query ? query.memberNumber.trim().toUpperCase() : null;
  if (memberNumber !== null && !/^[0-9A-Z-]{1,20}$/.test(memberNumber)) {
    throw new InvalidFields({ memberNumber: 'MEMBER_NUMBER_INVALID' });
  }
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + LOOKUP_MINUTES * 60_000);
  const found = await engine.write(async (tx) => {
    const { member, proof } = await findMember(tx, query, phone, memberNumber, now);
    const [tier] = await tx.select().from(tiers).where(eq(tiers.code, member.tierCode));
    // Lookups a day past their end say nothing any more; clearing them here keeps the table to a day's work.
    await tx.delete(memberLookups).where(lt(memberLookups.expiresAt, new Date(now.getTime() - 86_400_000)));
    await insertLookup(tx).execute({
      tokenHash: tokenHashOf(token),
      memberId: member.id,
      storeId: clerk.storeId,
      staffId: clerk.staffId,
      proof,
      createdAt: now,
      expiresAt,
    });
    const coupons = await counterCouponsOf(tx, member.id, clerk.storeId, 'store', now);
    return { member, proof, tier: tier!, policy: await currentPolicy(tx), coupons };
  });
  const { member, proof, tier, policy, coupons } = found;
  const rules = redemptionRules(policy, 0);
  return {
    member: {
      id: member.id,
      memberNumber: member.memberNumber,
      maskedName: maskName(member.name),
      tier: { code: tier.code, name: tier.name, nameEn: tier.nameEn, color: tier.color },
      balance: member.pointsBalance,
      redemption: {
        minPoints: rules.minPoints,
        pointValue: rules.pointValue,
        maxPercent: policy.maxRedeemPercent,
      },
    },
    lookup: { token, proof, expiresAt: expiresAt.toISOString() },
    coupons,
  };
}

async function findMember(
  tx: Tx,
  query: LookupQuery,
  phone: string | null,
  memberNumber: string | null,
  now: Date,
): Promise<{ member: Member; proof: Proof }> {
  if ('code' in query) {
    const member = await memberByCardCode(tx, query.code, now);
    if (!member) throw new DomainError('CARD_CODE_INVALID', 'The card code is not valid now');
    return { member, proof: 'card' };
  }
  const where = phone !== null ? eq(members.phone, phone) : eq(members.memberNumber, memberNumber!);
  const [member] = await tx
    .select()
    .from(members)
    .where(and(where, eq(members.status, 'active')))
    .limit(1);
  if (!member) {
    throw phone !== null
      ? new DomainError('MEMBER_NOT_FOUND', 'No member with this phone number')
      : new DomainError('MEMBER_NUMBER_NOT_FOUND', 'No member with this member number');
  }
  return { member, proof: phone !== null ? 'phone' : 'member_number' };
}

const insertLookup = prepared('insert_member_lookup', (tx) =>
  tx
    .insert(memberLookups)
    .values(placeholders('tokenHash', 'memberId', 'storeId', 'staffId', 'proof', 'createdAt', 'expiresAt')),
);

const lookupByHash = prepared('member_lookup_by_hash', (tx) =>
  tx
    .select()
    .from(memberLookups)
    .where(eq(memberLookups.tokenHash, sql.placeholder('tokenHash'))),
);

const lookupExpired = () =>
  new DomainError('LOOKUP_EXPIRED', 'This lookup is unknown or has expired: look the member up again');

/**
 * The lookup behind a token, if this clerk made it at this store: another store's is refused as anything of
 * another store is, and another clerk's as an unknown token. Whether it is still good to pay with is `usableLookup`'s question.
 */
export async function lookupOf(tx: Tx, token: string, clerk: CounterClerk): Promise<MemberLookup> {
  const [lookup] = await lookupByHash(tx).execute({ tokenHash: tokenHashOf(token) });
  if (lookup && lookup.storeId !== clerk.storeId) {
    throw new DomainError('OTHER_STORE', 'This member was looked up in another store');
  }
  if (!lookup || lookup.staffId !== clerk.staffId) throw lookupExpired();
  return lookup;
}

/** The lookup, read again (after the member's row is locked), if a purchase may still pay with it now. */
export async function usableLookup(tx: Tx, lookup: MemberLookup, now: Date): Promise<MemberLookup> {
  const [current] = await lookupByHash(tx).execute({ tokenHash: lookup.tokenHash });
  if (!current || current.expiresAt <= now) throw lookupExpired();
  if (current.purchaseId !== null) {
    throw new DomainError('LOOKUP_USED', 'This lookup already paid for a purchase: look the member up again');
  }
  return current;
}

/** One lookup, one purchase: the purchase that used it. */
export async function spendLookup(tx: Tx, lookup: MemberLookup, purchaseId: number): Promise<void> {
  await tx.update(memberLookups).set({ purchaseId }).where(eq(memberLookups.tokenHash, lookup.tokenHash));
}
