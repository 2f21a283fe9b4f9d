import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
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

export async function claimMembership(
  engine: Engine,
  lineUserId: string,
  input: ClaimRequest,
  now: Date,
): Promise<Member> {
  const problems: Record<string, string> = {
    ...contactFieldProblems({ phone: input.phone }),
    ...consentProblems(input),
  };
  const birthday = birthdayProblem(input.birthday, now);
  if (birthday) problems.birthday = birthday;
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const phone = normalisePhone(input.phone);

  const outcome = await engine.write(async (tx): Promise<ClaimOutcome> => {
    if (await findMemberByLineUser(tx, lineUserId)) {
      throw new DomainError('ALREADY_MEMBER', 'This LINE account is already bound to a membership');
    }
    const claimable = and(eq(members.phone, phone), eq(members.status, 'active'), isNull(members.lineUserId));
    // The membership to claim, held until this attempt is committed: one claim binds it, and attempts on its
    // number are counted one after the other, so that no burst of guesses gets past the fifth failure.
    await lockRows(tx, members, claimable);
    const lockedUntil = await lockEnd(tx, lineUserId, phone, now);
    if (lockedUntil) return { lockedUntil, attemptsLeft: 0 };
    const [member] = await tx.select().from(members).where(claimable);
    const matches = member !== undefined && member.birthday === input.birthday;
    await tx.insert(claimAttempts).values({ lineUserId, phone, succeeded: matches, at: now });
    if (!matches) {
      const attemptsLeft = CLAIM_MAX_FAILURES - (await recentFailures(tx, lineUserId, phone, now));
      return {
        lockedUntil: attemptsLeft <= 0 ? await lockEnd(tx, lineUserId, phone, now) : null,
        attemptsLeft,
      };
    }
    const [claimed] = await tx
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
      .returning();
    return { claimed: claimed! };
  });
  // Thrown after the commit, so that the failed attempt is counted.
  if ('claimed' in outcome) return outcome.claimed;
  if (outcome.lockedUntil) {
    throw new DomainError('CLAIM_LOCKED', 'Too many failed attempts', {
      lockedUntil: outcome.lockedUntil.toISOString(),
    });
  }
  throw new DomainError('CLAIM_MISMATCH', 'The phone number and birthday do not match a membership', {
    attemptsLeft: outcome.attemptsLeft,
  });
}

type ClaimOutcome = { claimed: Member } | { lockedUntil: Date | null; attemptsLeft: number };

async function failuresSince(tx: Tx, column: 'lineUserId' | 'phone', value: string, now: Date) {
  const rows = await tx
    .select({ at: claimAttempts.at })
    .from(claimAttempts)
    .where(
      and(
        eq(claimAttempts[column], value),
        eq(claimAttempts.succeeded, false),
        gte(claimAttempts.at, new Date(now.getTime() - CLAIM_WINDOW_MS)),
      ),
    )
    .orderBy(desc(claimAttempts.at));
  return rows.map((row) => row.at);
}

async function recentFailures(tx: Tx, lineUserId: string, phone: string, now: Date): Promise<number> {
  return Math.max(
    (await failuresSince(tx, 'lineUserId', lineUserId, now)).length,
    (await failuresSince(tx, 'phone', phone, now)).length,
  );
}

/** When a lock on this LINE account or this phone number ends, or null when neither is locked. */
async function lockEnd(tx: Tx, lineUserId: string, phone: string, now: Date): Promise<Date | null> {
  const ends = [
    await failuresSince(tx, 'lineUserId', lineUserId, now),
    await failuresSince(tx, 'phone', phone, now),
  ]
    .filter((failures) => failures.length >= CLAIM_MAX_FAILURES)
    .map((failures) => new Date(failures[CLAIM_MAX_FAILURES - 1]!.getTime() + CLAIM_WINDOW_MS));
  return ends.length > 0 ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
}
