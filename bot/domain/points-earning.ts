/** Points earned outside a purchase at the counter: an online order, an import, a gift. */
import type { Engine } from '../../db/engine.ts';
import type { Channel } from './earn-rules.ts';
import { DomainError } from './errors.ts';
import { addLot } from './point-lots.ts';
import { entryByKey, type LedgerEntry } from './points-ledger.ts';
import { currentPolicy, expiryUnder } from './points-policy.ts';
import { upgradeMemberIfQualified } from './tiers.ts';

/** Default expiry policy: points last until the end of the calendar year after the year they were earned. */
export const expiryOf = (earnedAt: Date) =>
  expiryUnder({ expiry: 'end_of_next_year', expiryMonths: null }, earnedAt);

export interface Earning {
  memberId: number;
  points: number;
  /** NT$ of the purchase behind the points: counts towards the tier. */
  amount: number | null;
  storeId: number | null;
  channel: Channel;
  staffId?: number | null;
  reference: string | null;
  idempotencyKey: string;
  at: Date;
}

/**
 * Adds earned points outside a purchase at the counter (an online order, a migration): one ledger entry, one lot
 * that expires by the policy, and the balance, in one transaction. The same idempotency key again returns the
 * first entry and changes nothing.
 */
export async function earnPoints(engine: Engine, earning: Earning): Promise<LedgerEntry> {
  if (!Number.isInteger(earning.points) || earning.points <= 0) {
    throw new DomainError('POINTS_INVALID', 'Points to earn must be a whole number above zero');
  }
  return engine.write(async (tx) => {
    // The key's unique constraint settles a race: the loser runs again and finds the winner's entry here.
    const earlier = await entryByKey(tx, earning.idempotencyKey);
    if (earlier) return earlier;
    const { points, ...facts } = earning;
    const entry = await addLot(tx, 'earn', points, expiryUnder(await currentPolicy(tx), earning.at), facts);
    if (earning.amount) await upgradeMemberIfQualified(tx, earning.memberId, earning.at);
    return entry;
  });
}
