import { and, eq, isNull } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members } from '../../db/schema.ts';
import { normaliseClaimCode, takeClaimCode } from './claim-codes.ts';
import {
  accountLockedUntil,
  birthdayClosedUntil,
  holdTriesOf,
  recordTry,
  triesLeft,
} from './claim-limits.ts';
import { issueOnJoin } from './coupon-auto-issue.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { birthdayProblem, contactFieldProblems, normalisePhone } from './member-fields.ts';
import { consentProblems, findMemberByLineUser, type Member, newCardId, newCardSecret } from './members.ts';
import { upgradeIfQualified } from './tiers.ts';

/**
 * An in-store membership claimed by its phone number and either the birthday on record or a claim code a clerk
 * handed over, with the shopper's consent to the current terms.
 */
export interface ClaimForm {
  phone: string;
  birthday?: string;
  claimCode?: string;
  acceptTerms: boolean;
  termsVersion: string;
  privacyVersion: string;
  marketingOptIn: boolean;
}

/** Kept for callers that name the limit: each LINE account's failed claims of one kind a day. */
export { TRIES_PER_ACCOUNT as CLAIM_MAX_FAILURES } from './claim-limits.ts';

/**
 * Claiming a membership that exists without LINE (imported from the shops, or unbound): the phone number and
 * either the birthday on record or a claim code a clerk handed over must match. Every failure answers the same
 * CLAIM_MISMATCH, whether the number is unknown, bound to another LINE account or the proof is wrong, so the step
 * tells nobody which numbers are members. Failures lock the LINE account that made them, never the membership;
 * see claim-limits.ts and docs/decisions/0005-claiming-memberships.md.
 */
export async function claimMembership(
  engine: Engine,
  lineUserId: string,
  input: ClaimForm,
  now: Date,
): Promise<Member> {
  const problems: Record<string, string> = {
    ...contactFieldProblems({ phone: input.phone }),
    ...consentProblems(input),
  };
  const code = input.claimCode === undefined ? null : normaliseClaimCode(input.claimCode);
  if (input.claimCode !== undefined && input.birthday !== undefined) problems.claimCode = 'BIRTHDAY_OR_CODE';
  else if (input.claimCode !== undefined) {
    if (code === null) problems.claimCode = 'CLAIM_CODE_INVALID';
  } else if (input.birthday === undefined) problems.birthday = 'BIRTHDAY_OR_CODE';
  else {
    const birthday = birthdayProblem(input.birthday, now);
    if (birthday) problems.birthday = birthday;
  }
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const phone = normalisePhone(input.phone);
  const kind = code === null ? 'birthday' : 'claim_code';

  const outcome = await engine.write(async (tx): Promise<ClaimOutcome> => {
    if (await findMemberByLineUser(tx, lineUserId)) {
      throw new DomainError('ALREADY_MEMBER', 'This LINE account is already bound to a membership');
    }
    await holdTriesOf(tx, lineUserId);
    const claimable = and(eq(members.phone, phone), eq(members.status, 'active'), isNull(members.lineUserId));
    // The membership to claim, held until this attempt is committed: one claim binds it, and the birthdays
    // tried at its number are counted one after the other.
    await lockRows(tx, members, claimable);
    const lockedUntil =
      (await accountLockedUntil(tx, lineUserId, kind, now)) ??
      (kind === 'birthday' ? await birthdayClosedUntil(tx, phone, now) : null);
    if (lockedUntil) return { lockedUntil, attemptsLeft: 0 };
    const [member] = await tx.select().from(members).where(claimable);
    const matches =
      member !== undefined &&
      (code === null
        ? member.birthday === input.birthday
        : await takeClaimCode(tx, member.id, code, lineUserId, now));
    await recordTry(tx, { lineUserId, phone, kind, succeeded: matches, at: now });
    if (!matches) {
      const attemptsLeft = await triesLeft(tx, lineUserId, kind, now);
      return {
        lockedUntil: attemptsLeft === 0 ? await accountLockedUntil(tx, lineUserId, kind, now) : null,
        attemptsLeft,
      };
    }
    await tx
      .update(members)
      .set({
        lineUserId,
        boundAt: now,
        termsVersion: input.termsVersion,
        privacyVersion: input.privacyVersion,
        consentedAt: now,
        marketingOptIn: input.marketingOptIn === true,
        marketingOptInAt: now,
        cardId: newCardId(),
        cardSecret: newCardSecret(),
        updatedAt: now,
      })
      .where(eq(members.id, member!.id));
    // Purchases recorded before the claim (imported from the shops) count at once, not at the next purchase.
    await upgradeIfQualified(tx, member!, now);
    // Joining in LINE: the welcome coupons, once per membership however it came to LINE.
    await issueOnJoin(tx, member!.id, now);
    const [claimed] = await tx.select().from(members).where(eq(members.id, member!.id));
    return { claimed: claimed! };
  });
  // Thrown after the commit, so that the failed attempt is counted.
  if ('claimed' in outcome) return outcome.claimed;
  if (outcome.lockedUntil) {
    throw new DomainError('CLAIM_LOCKED', 'Too many failed attempts', {
      lockedUntil: outcome.lockedUntil.toISOString(),
    });
  }
  throw new DomainError('CLAIM_MISMATCH', 'The phone number and the birthday or code do not match', {
    attemptsLeft: outcome.attemptsLeft,
  });
}

type ClaimOutcome = { claimed: Member } | { lockedUntil: Date | null; attemptsLeft: number };
