import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { claimAttempts, members } from '../../db/schema.ts';
import type { ClaimRequest } from '../schemas/liff-api.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { birthdayProblem, contactFieldProblems, normalisePhone } from './member-fields.ts';
import { consentProblems, findMemberByLineUser, type Member, newCardId, newCardSecret } from './members.ts';

/**
 * Claiming a membership that exists without LINE (imported from the shops, or unbound): the phone number and
 * the birthday on record must both match. Failures are counted per LINE account and per phone number over a
 * rolling day; five lock both for the rest of that day, so knowing someone's number is not enough to take
 * their points. See docs/decisions/0005-claiming-memberships.md.
 */
export const CLAIM_MAX_FAILURES = 5;
const CLAIM_WINDOW_MS = 24 * 60 * 60 * 1000;

export function claimMembership(db: Db, lineUserId: string, input: ClaimRequest, now: Date): Member {
  const problems: Record<string, string> = {
    ...contactFieldProblems({ phone: input.phone }),
    ...consentProblems(input),
  };
  const birthday = birthdayProblem(input.birthday, now);
  if (birthday) problems.birthday = birthday;
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const phone = normalisePhone(input.phone);

  const outcome = db.transaction((tx): ClaimOutcome => {
    if (findMemberByLineUser(tx, lineUserId)) {
      throw new DomainError('ALREADY_MEMBER', 'This LINE account is already bound to a membership');
    }
    const lockedUntil = lockEnd(tx, lineUserId, phone, now);
    if (lockedUntil) return { lockedUntil, attemptsLeft: 0 };
    const member = tx
      .select()
      .from(members)
      .where(and(eq(members.phone, phone), eq(members.status, 'active'), isNull(members.lineUserId)))
      .get();
    const matches = member !== undefined && member.birthday === input.birthday;
    tx.insert(claimAttempts).values({ lineUserId, phone, succeeded: matches, at: now }).run();
    if (!matches) {
      return {
        lockedUntil: null,
        attemptsLeft: CLAIM_MAX_FAILURES - recentFailures(tx, lineUserId, phone, now),
      };
    }
    const claimed = tx
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
      .where(eq(members.id, member!.id))
      .returning()
      .get()!;
    return { claimed };
  });
  // Thrown after the commit, so that the failed attempt is counted.
  if ('claimed' in outcome) return outcome.claimed;
  if (outcome.lockedUntil) {
    throw new DomainError('CLAIM_LOCKED', 'Too many failed attempts', {
      lockedUntil: outcome.lockedUntil.toISOString(),
    });
  }
  if (outcome.attemptsLeft <= 0) {
    const lockedUntil = lockEnd(db, lineUserId, phone, now)!;
    throw new DomainError('CLAIM_LOCKED', 'Too many failed attempts', {
      lockedUntil: lockedUntil.toISOString(),
    });
  }
  throw new DomainError('CLAIM_MISMATCH', 'The phone number and birthday do not match a membership', {
    attemptsLeft: outcome.attemptsLeft,
  });
}

type ClaimOutcome = { claimed: Member } | { lockedUntil: Date | null; attemptsLeft: number };

function failuresSince(db: Db, column: 'lineUserId' | 'phone', value: string, now: Date): Date[] {
  return db
    .select({ at: claimAttempts.at })
    .from(claimAttempts)
    .where(
      and(
        eq(claimAttempts[column], value),
        eq(claimAttempts.succeeded, false),
        gte(claimAttempts.at, new Date(now.getTime() - CLAIM_WINDOW_MS)),
      ),
    )
    .orderBy(desc(claimAttempts.at))
    .all()
    .map((row) => row.at);
}

function recentFailures(db: Db, lineUserId: string, phone: string, now: Date): number {
  return Math.max(
    failuresSince(db, 'lineUserId', lineUserId, now).length,
    failuresSince(db, 'phone', phone, now).length,
  );
}

/** When a lock on this LINE account or this phone number ends, or null when neither is locked. */
function lockEnd(db: Db, lineUserId: string, phone: string, now: Date): Date | null {
  const ends = [failuresSince(db, 'lineUserId', lineUserId, now), failuresSince(db, 'phone', phone, now)]
    .filter((failures) => failures.length >= CLAIM_MAX_FAILURES)
    .map((failures) => new Date(failures[CLAIM_MAX_FAILURES - 1]!.getTime() + CLAIM_WINDOW_MS));
  return ends.length > 0 ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}
