import { randomBytes, randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members, stores, tiers } from '../../db/schema.ts';
import { currentConsent } from './consent.ts';
import { issueOnJoin } from './coupon-auto-issue.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { findFriend, type LineFriend } from './friends.ts';
import { birthdayProblem, contactFieldProblems, normalisePhone } from './member-fields.ts';
import { checkNumber, type NumberCheck, numberRefusal } from './phone-in-use.ts';
import type { Store } from './stores.ts';
import { entryTier, type Tier } from './tiers.ts';

export type Member = typeof members.$inferSelect;

export type Gender = 'female' | 'male' | 'other';

/** What a LINE friend fills in to join, with their consent to the current terms. */
export interface JoinForm {
  phone: string;
  name: string;
  birthday: string;
  gender?: Gender | null;
  email?: string | null;
  homeStoreId: number;
  acceptTerms: boolean;
  termsVersion: string;
  privacyVersion: string;
  marketingOptIn: boolean;
}

/** What a member may change of their own: contact fields, home store and the marketing opt-in. */
export interface ProfileChanges {
  name?: string;
  phone?: string;
  email?: string | null;
  gender?: Gender | null;
  homeStoreId?: number;
  marketingOptIn?: boolean;
  /** Never changes once set: sent, it is refused as BIRTHDAY_LOCKED. */
  birthday?: string;
}

/** The member with their tier and home store: what the mini-app and the LINE messages show of them. */
export type MemberProfile = Member & { tier: Tier; homeStore: Store | null };

export async function findMemberByLineUser(tx: Tx, lineUserId: string): Promise<Member | undefined> {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.lineUserId, lineUserId), eq(members.status, 'active')));
  return member;
}

export async function requireMember(tx: Tx, lineUserId: string): Promise<Member> {
  const member = await findMemberByLineUser(tx, lineUserId);
  if (!member) throw new DomainError('NOT_A_MEMBER', 'This LINE account is not bound to a membership');
  return member;
}

/** The member this LINE account holds, as committed now; NOT_A_MEMBER when it holds none. */
export function memberOf(engine: Engine, lineUserId: string): Promise<Member> {
  return engine.read((tx) => requireMember(tx, lineUserId));
}

/** What `show` makes of the member this LINE account holds, all read on one snapshot; NOT_A_MEMBER when none. */
export function readAsMember<T>(
  engine: Engine,
  lineUserId: string,
  show: (tx: Tx, member: Member) => Promise<T>,
): Promise<T> {
  return engine.read(async (tx) => show(tx, await requireMember(tx, lineUserId)));
}

/** Card IDs use Crockford's base32 (no I, L, O, U): short in a QR code's alphanumeric mode, easy on scanners. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const newCardId = () => Array.from(randomBytes(10), (byte) => CROCKFORD[byte % 32]).join('');
export const newCardSecret = () => randomBytes(32).toString('base64url');
const newMemberNumber = () => `M${randomInt(100_000_000, 1_000_000_000)}`;

export async function activeStore(tx: Tx, storeId: unknown) {
  if (typeof storeId !== 'number') return undefined;
  const [store] = await tx
    .select()
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.active, true)));
  return store;
}

/**
 * A membership brought in from the shops' old system: known by phone (and birthday, which claiming needs), with
 * no LINE account until the member claims it. The seed of the demo and, later, the import script use it.
 */
export async function importMembership(
  tx: Tx,
  input: {
    phone: string;
    name: string;
    birthday: string | null;
    homeStoreId?: number | null;
    memberNumber?: string;
  },
  now: Date,
): Promise<Member> {
  const [member] = await tx
    .insert(members)
    .values({
      memberNumber: input.memberNumber ?? newMemberNumber(),
      source: 'import',
      phone: normalisePhone(input.phone),
      name: input.name,
      birthday: input.birthday,
      homeStoreId: input.homeStoreId ?? null,
      tierCode: (await entryTier(tx)).code,
      cardId: newCardId(),
      cardSecret: newCardSecret(),
      joinedAt: now,
      updatedAt: now,
    })
    .returning();
  return member!;
}

/** What is wrong with a join form before the database is asked (the home store is checked in it). */
function joinFieldProblems(input: JoinForm, now: Date): Record<string, string> {
  const problems: Record<string, string> = contactFieldProblems({
    phone: input.phone,
    name: input.name,
    email: input.email,
    gender: input.gender,
  });
  const birthday = birthdayProblem(input.birthday, now);
  if (birthday) problems.birthday = birthday;
  return { ...problems, ...consentProblems(input) };
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
 * A LINE friend joins. One LINE account binds one member: a second join is refused. A number that any membership
 * already uses answers PHONE_REGISTERED, the same for a member in LINE and one from the shops, and sends the
 * shopper to the claim step; such answers are counted and limited per LINE account (phone-in-use.ts), so that
 * nobody runs down a list of numbers. Two joins racing for one LINE account meet at its tries' lock; for one
 * number, at the unique key: the loser runs again and meets the number in use.
 */
export async function joinMembership(
  engine: Engine,
  lineUserId: string,
  input: JoinForm,
  now: Date,
): Promise<Member> {
  const fieldProblems = joinFieldProblems(input, now);
  const phone = normalisePhone(input.phone);
  const outcome = await engine.write(async (tx): Promise<Member | Exclude<NumberCheck, { free: true }>> => {
    const problems = { ...fieldProblems };
    if (!(await activeStore(tx, input.homeStoreId))) problems.homeStoreId = 'STORE_INVALID';
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    if (await findMemberByLineUser(tx, lineUserId)) {
      throw new DomainError('ALREADY_MEMBER', 'This LINE account is already bound to a membership');
    }
    const number = await checkNumber(tx, lineUserId, phone, now);
    if (!('free' in number)) return number;
    const [member] = await tx
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
        tierCode: (await entryTier(tx)).code,
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
      .returning();
    // The welcome coupons, in the join's transaction: a template at its cap is passed over, never the join.
    await issueOnJoin(tx, member!.id, now);
    return member!;
  });
  if ('inUse' in outcome || 'lockedUntil' in outcome) throw numberRefusal(outcome, 'join');
  return outcome;
}

/**
 * Contact fields and the marketing opt-in; the birthday is set once and never changed here. A new number that
 * another membership uses is refused as at joining, counted and limited alike.
 */
export async function updateProfile(
  engine: Engine,
  member: Member,
  update: ProfileChanges,
  now: Date,
): Promise<Member> {
  const fieldProblems: Record<string, string> = contactFieldProblems(update);
  if ('birthday' in update) fieldProblems.birthday = 'BIRTHDAY_LOCKED';
  const phone = update.phone === undefined ? undefined : normalisePhone(update.phone);
  const outcome = await engine.write(async (tx): Promise<Member | Exclude<NumberCheck, { free: true }>> => {
    // The member's row as it is now, held until the change is committed: the number and the opt-in are
    // compared with what another change may just have written.
    await lockRows(tx, members, eq(members.id, member.id));
    const [current] = await tx.select().from(members).where(eq(members.id, member.id));
    if (current?.status !== 'active' || current.lineUserId !== member.lineUserId || !current.lineUserId) {
      throw new DomainError('NOT_A_MEMBER', 'This LINE account no longer holds this membership');
    }
    const problems = { ...fieldProblems };
    if (update.homeStoreId !== undefined && !(await activeStore(tx, update.homeStoreId)))
      problems.homeStoreId = 'STORE_INVALID';
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    if (phone && phone !== current.phone) {
      const number = await checkNumber(tx, current.lineUserId, phone, now);
      if (!('free' in number)) return number;
    }
    const optInChanged =
      update.marketingOptIn !== undefined && update.marketingOptIn !== current.marketingOptIn;
    const [updated] = await tx
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
      .returning();
    return updated!;
  });
  if ('inUse' in outcome || 'lockedUntil' in outcome) throw numberRefusal(outcome, 'profile');
  return outcome;
}

/** The member with their tier and home store. */
export async function memberProfile(tx: Tx, member: Member): Promise<MemberProfile> {
  const [tier] = await tx.select().from(tiers).where(eq(tiers.code, member.tierCode));
  const [store] = member.homeStoreId
    ? await tx.select().from(stores).where(eq(stores.id, member.homeStoreId))
    : [];
  return { ...member, tier: tier!, homeStore: store ?? null };
}

/** The member with their tier and home store, read on its own. */
export function profileOf(engine: Engine, member: Member): Promise<MemberProfile> {
  return engine.read((tx) => memberProfile(tx, member));
}

/** What the mini-app opens with: the LINE friend as LINE told us of them, and their membership if they hold one. */
export function friendAndMembership(
  engine: Engine,
  lineUserId: string,
): Promise<{ friend: LineFriend | undefined; member: MemberProfile | null }> {
  return engine.read(async (tx) => {
    const friend = await findFriend(tx, lineUserId);
    const member = await findMemberByLineUser(tx, lineUserId);
    return { friend, member: member ? await memberProfile(tx, member) : null };
  });
}
