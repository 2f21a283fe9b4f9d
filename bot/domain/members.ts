import { randomBytes, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, stores, tiers } from '../../db/schema.ts';
import type { JoinRequest, MemberView, ProfileUpdate } from '../schemas/liff-api.ts';
import { currentConsent } from './consent.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { birthdayProblem, contactFieldProblems, maskPhone, normalisePhone } from './member-fields.ts';
import { entryTier } from './tiers.ts';

export type Member = typeof members.$inferSelect;

export function findMemberByLineUser(db: Db, lineUserId: string): Member | undefined {
  return db
    .select()
    .from(members)
    .where(and(eq(members.lineUserId, lineUserId), eq(members.status, 'active')))
    .get();
}

export function requireMember(db: Db, lineUserId: string): Member {
  const member = findMemberByLineUser(db, lineUserId);
  if (!member) throw new DomainError('NOT_A_MEMBER', 'This LINE account is not bound to a membership');
  return member;
}

/** Card IDs use Crockford's base32 (no I, L, O, U): short in a QR code's alphanumeric mode, easy on scanners. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const newCardId = () => Array.from(randomBytes(10), (byte) => CROCKFORD[byte % 32]).join('');
export const newCardSecret = () => randomBytes(32).toString('base64url');
const newMemberNumber = () => `M${randomInt(100_000_000, 1_000_000_000)}`;

export function activeStore(db: Db, storeId: unknown) {
  if (typeof storeId !== 'number') return undefined;
  return db
    .select()
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.active, true)))
    .get();
}

/**
 * A membership brought in from the shops' old system: known by phone (and birthday, which claiming needs), with
 * no LINE account until the member claims it. The seed of the demo and, later, the import script use it.
 */
export function importMembership(
  db: Db,
  input: {
    phone: string;
    name: string;
    birthday: string | null;
    homeStoreId?: number | null;
    memberNumber?: string;
  },
  now: Date,
): Member {
  return db
    .insert(members)
    .values({
      memberNumber: input.memberNumber ?? newMemberNumber(),
      source: 'import',
      phone: normalisePhone(input.phone),
      name: input.name,
      birthday: input.birthday,
      homeStoreId: input.homeStoreId ?? null,
      tierCode: entryTier(db).code,
      cardId: newCardId(),
      cardSecret: newCardSecret(),
      joinedAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

/** Checks a join form as a whole, so that every bad field is named at once. */
function joinProblems(db: Db, input: JoinRequest, now: Date): Record<string, string> {
  const problems: Record<string, string> = contactFieldProblems({
    phone: input.phone,
    name: input.name,
    email: input.email,
    gender: input.gender,
  });
  const birthday = birthdayProblem(input.birthday, now);
  if (birthday) problems.birthday = birthday;
  if (!activeStore(db, input.homeStoreId)) problems.homeStoreId = 'STORE_INVALID';
  Object.assign(problems, consentProblems(input));
  return problems;
}

export function consentProblems(input: {
  acceptTerms?: unknown;
  termsVersion?: unknown;
  privacyVersion?: unknown;
}): Record<string, string> {
  if (input.acceptTerms !== true) return { acceptTerms: 'CONSENT_REQUIRED' };
  if (
    input.termsVersion !== currentConsent.termsVersion ||
    input.privacyVersion !== currentConsent.privacyVersion
  ) {
    return { acceptTerms: 'TERMS_OUTDATED' };
  }
  return {};
}

/**
 * A LINE friend joins. One LINE account binds one member: a second join is refused. A phone number that an
 * imported (in-store) membership already uses must be claimed instead, so nobody gets a second account
 * beside their points, and nobody takes the points by typing someone's number.
 */
export function joinMembership(db: Db, lineUserId: string, input: JoinRequest, now: Date): Member {
  const problems = joinProblems(db, input, now);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const phone = normalisePhone(input.phone);
  return db.transaction((tx) => {
    if (findMemberByLineUser(tx, lineUserId)) {
      throw new DomainError('ALREADY_MEMBER', 'This LINE account is already bound to a membership');
    }
    const holder = tx.select().from(members).where(eq(members.phone, phone)).get();
    if (holder && holder.lineUserId === null) {
      throw new DomainError('PHONE_CLAIMABLE', 'A membership from the shops uses this number: claim it');
    }
    if (holder) throw new InvalidFields({ phone: 'PHONE_TAKEN' });
    return tx
      .insert(members)
      .values({
        memberNumber: newMemberNumber(),
        source: 'line',
        lineUserId,
        phone,
        name: input.name.trim(),
        birthday: input.birthday,
        gender: input.gender ?? null,
        email: input.email || null,
        homeStoreId: input.homeStoreId,
        tierCode: entryTier(tx).code,
        termsVersion: input.termsVersion,
        privacyVersion: input.privacyVersion,
        consentedAt: now,
        marketingOptIn: input.marketingOptIn === true,
        marketingOptInAt: input.marketingOptIn === true ? now : null,
        cardId: newCardId(),
        cardSecret: newCardSecret(),
        joinedAt: now,
        boundAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
  });
}

/** Contact fields and the marketing opt-in; the birthday is set once and never changed here. */
export function updateProfile(db: Db, member: Member, update: ProfileUpdate, now: Date): Member {
  const problems: Record<string, string> = contactFieldProblems(update);
  if ('birthday' in update) problems.birthday = 'BIRTHDAY_LOCKED';
  if (update.homeStoreId !== undefined && !activeStore(db, update.homeStoreId))
    problems.homeStoreId = 'STORE_INVALID';
  const phone = update.phone === undefined ? undefined : normalisePhone(update.phone);
  if (phone && phone !== member.phone && db.select().from(members).where(eq(members.phone, phone)).get()) {
    problems.phone = 'PHONE_TAKEN';
  }
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const optInChanged = update.marketingOptIn !== undefined && update.marketingOptIn !== member.marketingOptIn;
  return db
    .update(members)
    .set({
      ...(update.name !== undefined && { name: update.name.trim() }),
      ...(phone !== undefined && { phone }),
      ...(update.email !== undefined && { email: update.email || null }),
      ...(update.gender !== undefined && { gender: update.gender }),
      ...(update.homeStoreId !== undefined && { homeStoreId: update.homeStoreId }),
      ...(optInChanged && { marketingOptIn: update.marketingOptIn, marketingOptInAt: now }),
      updatedAt: now,
    })
    .where(eq(members.id, member.id))
    .returning()
    .get();
}

export function memberView(db: Db, member: Member): MemberView {
  const tier = db.select().from(tiers).where(eq(tiers.code, member.tierCode)).get()!;
  const store = member.homeStoreId
    ? db.select().from(stores).where(eq(stores.id, member.homeStoreId)).get()
    : null;
  return {
    memberNumber: member.memberNumber,
    name: member.name ?? '',
    phone: member.phone ?? '',
    phoneMasked: member.phone ? maskPhone(member.phone) : '',
    birthday: member.birthday ?? '',
    gender: member.gender,
    email: member.email,
    homeStore: store ? { id: store.id, code: store.code, name: store.name } : null,
    tier: { code: tier.code, name: tier.name, nameEn: tier.nameEn, color: tier.color },
    pointsBalance: member.pointsBalance,
    marketingOptIn: member.marketingOptIn,
    joinedAt: member.joinedAt.toISOString(),
  };
}
