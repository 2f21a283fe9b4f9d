import { asc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { earnRules, pointsPolicy, stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import type { Channel, EarnRule } from './earn-rules.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { ensureCan } from './permissions.ts';
import { currentPolicy, type PointsPolicy } from './points-policy.ts';

/** What an admin edits in the console: the points policy and the earn rules. Every change is audited. */

export type PolicyChanges = Partial<
  Pick<
    PointsPolicy,
    | 'spendPerPoint'
    | 'pointValue'
    | 'minRedeemPoints'
    | 'maxRedeemPercent'
    | 'expiry'
    | 'expiryMonths'
    | 'expiryReminderDays'
  >
>;

const between = (value: number | null | undefined, min: number, max: number) =>
  value === undefined || value === null || (Number.isInteger(value) && value >= min && value <= max);

function policyProblems(changes: PolicyChanges, merged: PointsPolicy): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!between(changes.spendPerPoint, 1, 100_000)) problems.spendPerPoint = 'NUMBER_INVALID';
  if (!between(changes.pointValue, 1, 1_000)) problems.pointValue = 'NUMBER_INVALID';
  if (!between(changes.minRedeemPoints, 1, 1_000_000)) problems.minRedeemPoints = 'NUMBER_INVALID';
  if (!between(changes.maxRedeemPercent, 0, 100)) problems.maxRedeemPercent = 'PERCENT_INVALID';
  if (!between(changes.expiryReminderDays, 0, 365)) problems.expiryReminderDays = 'NUMBER_INVALID';
  if (merged.expiry === 'months' && !between(merged.expiryMonths ?? 0, 1, 120))
    problems.expiryMonths = 'NUMBER_INVALID';
  if (merged.expiry === 'months' && !merged.expiryMonths) problems.expiryMonths = 'REQUIRED';
  return problems;
}

export async function updatePolicy(
  engine: Engine,
  changes: PolicyChanges,
  actor: Actor,
  now: Date,
): Promise<PointsPolicy> {
  ensureCan(actor, 'points_rules.edit');
  return engine.write(async (tx) => {
    // The policy's row, held to the commit: two admins' changes are checked against each other's, not merged blind.
    await lockRows(tx, pointsPolicy, eq(pointsPolicy.id, 1));
    const before = await currentPolicy(tx);
    const merged = { ...before, ...changes };
    const problems = policyProblems(changes, merged);
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    const [after] = await tx
      .update(pointsPolicy)
      .set({ ...changes, updatedAt: now })
      .where(eq(pointsPolicy.id, 1))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'points_policy.update',
      subjectType: 'points_policy',
      subjectId: 1,
      before,
      after,
    });
    return after!;
  });
}

export interface RuleFields {
  name: string;
  storeId: number | null;
  channel: Channel | null;
  multiplierPercent: number;
  bonusPoints: number;
  minAmount: number;
  weekdays: number[] | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
}

function ruleProblems(rule: RuleFields): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = [...rule.name.trim()].length;
  if (name < 1 || name > 50) problems.name = 'NAME_INVALID';
  if (!between(rule.multiplierPercent, 100, 1_000)) problems.multiplierPercent = 'PERCENT_INVALID';
  if (!between(rule.bonusPoints, 0, 100_000)) problems.bonusPoints = 'NUMBER_INVALID';
  if (!between(rule.minAmount, 0, 10_000_000)) problems.minAmount = 'NUMBER_INVALID';
  if (rule.weekdays && (rule.weekdays.length === 0 || !rule.weekdays.every((d) => between(d, 0, 6)))) {
    problems.weekdays = 'WEEKDAYS_INVALID';
  }
  if (rule.startsAt && rule.endsAt && rule.endsAt <= rule.startsAt) problems.endsAt = 'ENDS_BEFORE_START';
  if (rule.multiplierPercent === 100 && rule.bonusPoints === 0)
    problems.multiplierPercent = 'RULE_DOES_NOTHING';
  return problems;
}

/** A rule for one store names a store that exists (closed ones too): the database would refuse it less kindly. */
async function storeProblem(tx: Tx, storeId: number | null | undefined): Promise<Record<string, string>> {
  if (storeId === null || storeId === undefined) return {};
  const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
  return store ? {} : { storeId: 'STORE_INVALID' };
}

/** The points policy and every earn rule, as the console shows them. */
export async function pointsSettings(engine: Engine): Promise<{ policy: PointsPolicy; rules: EarnRule[] }> {
  return engine.read(async (tx) => ({
    policy: await currentPolicy(tx),
    rules: await tx.select().from(earnRules).orderBy(asc(earnRules.id)),
  }));
}

export async function createEarnRule(
  engine: Engine,
  fields: RuleFields,
  actor: Actor,
  now: Date,
): Promise<EarnRule> {
  ensureCan(actor, 'points_rules.edit');
  return engine.write(async (tx) => {
    const problems = { ...ruleProblems(fields), ...(await storeProblem(tx, fields.storeId)) };
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    const [rule] = await tx
      .insert(earnRules)
      .values({ ...fields, name: fields.name.trim(), createdAt: now, updatedAt: now })
      .returning();
    if (!rule) throw new Error('The earn rule was not stored');
    await auditAs(tx, actor, now, {
      action: 'earn_rule.create',
      subjectType: 'earn_rule',
      subjectId: rule.id,
      after: rule,
    });
    return rule;
  });
}

export async function updateEarnRule(
  engine: Engine,
  id: number,
  changes: Partial<RuleFields>,
  actor: Actor,
  now: Date,
): Promise<EarnRule> {
  ensureCan(actor, 'points_rules.edit');
  return engine.write(async (tx) => {
    // The rule's row, held to the commit: the changes are checked against the rule as it is, not as it was read.
    await lockRows(tx, earnRules, eq(earnRules.id, id));
    const [before] = await tx.select().from(earnRules).where(eq(earnRules.id, id));
    if (!before) throw new DomainError('EARN_RULE_NOT_FOUND', 'No such earn rule');
    const merged = { ...before, ...changes };
    const problems = { ...ruleProblems(merged), ...(await storeProblem(tx, changes.storeId)) };
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    const [after] = await tx
      .update(earnRules)
      .set({ ...changes, ...(changes.name && { name: changes.name.trim() }), updatedAt: now })
      .where(eq(earnRules.id, id))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'earn_rule.update',
      subjectType: 'earn_rule',
      subjectId: id,
      before,
      after,
    });
    return after!;
  });
}
