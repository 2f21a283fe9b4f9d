import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import { accountLockedUntil, holdTriesOf, recordTry } from './claim-limits.ts';
import { DomainError, InvalidFields } from './errors.ts';

/**
 * What a join or a profile change meets when it asks for a phone number: free, in use (by anyone: a member in
 * LINE or in the shops alone, which the answer does not tell apart), or refused because this LINE account has
 * met numbers in use too often today. A number in use is counted against the account; once locked, every number
 * is refused alike, so the lock does not tell either. docs/decisions/0005-claiming-memberships.md.
 */
export type NumberCheck = { free: true } | { inUse: true } | { lockedUntil: Date };

export async function checkNumber(
  tx: Tx,
  lineUserId: string,
  phone: string,
  now: Date,
): Promise<NumberCheck> {
  await holdTriesOf(tx, lineUserId);
  const lockedUntil = await accountLockedUntil(tx, lineUserId, 'phone_in_use', now);
  if (lockedUntil) return { lockedUntil };
  const [holder] = await tx.select({ id: members.id }).from(members).where(eq(members.phone, phone));
  if (!holder) return { free: true };
  await recordTry(tx, { lineUserId, phone, kind: 'phone_in_use', succeeded: false, at: now });
  return { inUse: true };
}

/** The error for a number that is not free, thrown after the commit so that the try stays counted. */
export function numberRefusal(
  check: Exclude<NumberCheck, { free: true }>,
  on: 'join' | 'profile',
): DomainError {
  if ('lockedUntil' in check) {
    return new DomainError('PHONE_LOCKED', 'Too many numbers in use tried today', {
      lockedUntil: check.lockedUntil.toISOString(),
    });
  }
  return on === 'join'
    ? new DomainError(
        'PHONE_REGISTERED',
        'This number belongs to a membership: prove it is yours to claim it',
      )
    : new InvalidFields({ phone: 'PHONE_REGISTERED' });
}
