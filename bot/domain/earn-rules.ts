import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { prepared } from '../../db/prepared.ts';
import { earnRules } from '../../db/schema.ts';
import type { PointsPolicy } from './points-policy.ts';
import { taipeiWeekday } from './taipei-time.ts';

export type EarnRule = typeof earnRules.$inferSelect;
export type Channel = 'store' | 'online' | 'other';

export interface PurchaseFacts {
  /** NT$ the member paid (after any points discount). */
  amount: number;
  storeId: number | null;
  channel: Channel;
  at: Date;
}

export interface Earned {
  points: number;
  /** Points at the base rate, before any multiplier. */
  basePoints: number;
  tierMultiplierPercent: number;
  /** The best multiplier among the rules that applied (100 when none did). */
  ruleMultiplierPercent: number;
  bonusPoints: number;
  /** The rules that applied. */
  ruleIds: number[];
}

/** True when the rule covers this purchase: its store, its channel, its minimum, its time box and its weekdays. */
export function ruleApplies(rule: EarnRule, purchase: PurchaseFacts): boolean {
  const at = purchase.at.getTime();
  return (
    rule.active &&
    (rule.storeId === null || rule.storeId === purchase.storeId) &&
    (rule.channel === null || rule.channel === purchase.channel) &&
    purchase.amount >= rule.minAmount &&
    (rule.startsAt === null || rule.startsAt.getTime() <= at) &&
    (rule.endsAt === null || at < rule.endsAt.getTime()) &&
    (rule.weekdays === null || rule.weekdays.includes(taipeiWeekday(purchase.at)))
  );
}

/**
 * The points a purchase earns. Base: one point per `spendPerPoint` NT$, rounded down. Then the member's tier
 * multiplier, and the best multiplier among the rules that apply (promotions do not multiply each other: a
 * weekend double and a store's 1.5x give 2x, not 3x), rounded down. Then every applying rule's bonus points.
 */
export function pointsForPurchase(
  purchase: PurchaseFacts,
  tierMultiplierPercent: number,
  rules: EarnRule[],
  policy: Pick<PointsPolicy, 'spendPerPoint'>,
): Earned {
  const applying = rules.filter((rule) => ruleApplies(rule, purchase));
  const basePoints = Math.floor(Math.max(0, purchase.amount) / policy.spendPerPoint);
  const ruleMultiplierPercent = Math.max(100, ...applying.map((rule) => rule.multiplierPercent));
  const bonusPoints = applying.reduce((sum, rule) => sum + rule.bonusPoints, 0);
  // Integer arithmetic: percent times percent, divided once, so that 1.2x of 1.5x rounds only at the end.
  const multiplied = Math.floor((basePoints * tierMultiplierPercent * ruleMultiplierPercent) / 10_000);
  return {
    points: multiplied + bonusPoints,
    basePoints,
    tierMultiplierPercent,
    ruleMultiplierPercent,
    bonusPoints,
    ruleIds: applying.map((rule) => rule.id),
  };
}

const activeRules = prepared('active_earn_rules', (tx) =>
  tx.select().from(earnRules).where(eq(earnRules.active, true)),
);

export async function activeEarnRules(tx: Tx): Promise<EarnRule[]> {
  return activeRules(tx).execute();
}
