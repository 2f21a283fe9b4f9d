// LINE Taiwan's plans for an Official Account: what a month costs and what a push beyond the included messages
// costs (ADR 0030). LINE has no cost-estimate endpoint, so the price before sending is this table's arithmetic.
import { InvalidFields } from '../errors.ts';

/** Extra messages up to the month's `upTo`-th message (null: beyond) cost `milliPerMessage` thousandths of NT$. */
export interface PlanTier {
  upTo: number | null;
  milliPerMessage: number;
}

export interface Plan {
  code: string;
  name: string;
  monthlyFee: number;
  /** Messages the monthly fee includes. */
  included: number;
  /** Extra messages by tier, cheapest last; null when the plan sells none (LINE refuses pushes past `included`). */
  extra: PlanTier[] | null;
  source: string;
  asOf: string;
}

const SOURCE = 'https://tw.linebiz.com/service/account-solutions/line-official-account/';
const AS_OF = '2023-09';

/**
 * LINE Taiwan's plans of 2023-09 (/work/shared/LINE-PLATFORM.md; confirm before relying on them). Only the
 * first extra tier (NT$0.2) and the last (NT$0.011) are published in the sources we have; the steps between are
 * this product's assumption, which is why an admin can replace the whole table (marketing_settings.plans).
 */
export const LINE_TW_PLANS: Plan[] = [
  { code: 'light', name: '輕用量', monthlyFee: 0, included: 200, extra: null, source: SOURCE, asOf: AS_OF },
  {
    code: 'medium',
    name: '中用量',
    monthlyFee: 800,
    included: 3_000,
    extra: null,
    source: SOURCE,
    asOf: AS_OF,
  },
  {
    code: 'high',
    name: '高用量',
    monthlyFee: 1_200,
    included: 6_000,
    extra: [
      { upTo: 25_000, milliPerMessage: 200 },
      { upTo: 100_000, milliPerMessage: 150 },
      { upTo: 500_000, milliPerMessage: 100 },
      { upTo: 1_000_000, milliPerMessage: 50 },
      { upTo: null, milliPerMessage: 11 },
    ],
    source: SOURCE,
    asOf: AS_OF,
  },
];

const whole = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const words = (v: unknown, max: number) =>
  typeof v === 'string' && v.trim().length > 0 && [...v].length <= max;
const PLAN_KEYS = ['code', 'name', 'monthlyFee', 'included', 'extra', 'source', 'asOf'];

function tierProblem(tiers: unknown, included: number): string | null {
  if (tiers === null) return null;
  if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > 20) return 'TIERS_INVALID';
  let from = included;
  for (const [i, tier] of tiers.entries()) {
    const t = tier as Record<string, unknown>;
    if (
      typeof t !== 'object' ||
      t === null ||
      Object.keys(t).some((k) => k !== 'upTo' && k !== 'milliPerMessage')
    )
      return 'TIERS_INVALID';
    if (!whole(t.milliPerMessage, 0, 100_000)) return 'TIERS_INVALID';
    const last = i === tiers.length - 1;
    if (last ? t.upTo !== null : !whole(t.upTo, from + 1, 1_000_000_000)) return 'TIERS_INVALID';
    from = t.upTo as number;
  }
  return null;
}

/**
 * An admin's plan table, checked plan by plan: `plans.1.extra: TIERS_INVALID`. Tiers rise in `upTo` above the
 * included messages and the last one is open (null), so every extra message has exactly one price.
 */
export function checkPlans(value: unknown): Plan[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10)
    throw new InvalidFields({ plans: 'PLANS_INVALID' });
  const fields: Record<string, string> = {};
  const codes = new Set<string>();
  for (const [i, plan] of (value as Record<string, unknown>[]).entries()) {
    const at = `plans.${i}`;
    if (typeof plan !== 'object' || plan === null) {
      fields[at] = 'PLAN_INVALID';
      continue;
    }
    for (const key of Object.keys(plan))
      if (!PLAN_KEYS.includes(key)) fields[`${at}.${key}`] = 'UNKNOWN_FIELD';
    if (typeof plan.code !== 'string' || !/^[a-z0-9_]{1,20}$/.test(plan.code) || codes.has(plan.code))
      fields[`${at}.code`] = 'CODE_INVALID';
    else codes.add(plan.code);
    if (!words(plan.name, 40)) fields[`${at}.name`] = 'NAME_INVALID';
    if (!whole(plan.monthlyFee, 0, 10_000_000)) fields[`${at}.monthlyFee`] = 'MONEY_INVALID';
    if (!whole(plan.included, 0, 100_000_000)) fields[`${at}.included`] = 'NUMBER_INVALID';
    else {
      const problem = tierProblem(plan.extra, plan.included as number);
      if (problem) fields[`${at}.extra`] = problem;
    }
    if (typeof plan.source !== 'string' || !/^https:\/\/\S{1,500}$/.test(plan.source))
      fields[`${at}.source`] = 'URL_INVALID';
    if (typeof plan.asOf !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(plan.asOf))
      fields[`${at}.asOf`] = 'DATE_INVALID';
  }
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  return value as Plan[];
}

/** The table in force: the admin's (marketing_settings.plans) or LINE Taiwan's published one. */
export const planTable = (configured: unknown): Plan[] =>
  configured === null || configured === undefined ? LINE_TW_PLANS : (configured as Plan[]);

/** Thousandths of NT$ the month's first `messages` cost beyond the plan's included ones. */
function extraMilli(plan: Plan, messages: number): number {
  if (!plan.extra) return 0;
  let total = 0;
  let from = plan.included;
  for (const tier of plan.extra) {
    const to = tier.upTo === null ? messages : Math.min(tier.upTo, messages);
    if (to > from) total += (to - from) * tier.milliPerMessage;
    if (tier.upTo === null || messages <= tier.upTo) break;
    from = tier.upTo;
  }
  return total;
}

/**
 * Whole NT$ that `messages` more cost this month after `usedBefore`, by the plan's tiers. Each month's bill is
 * rounded up once, so a push costs the rounded bill after it less the rounded bill before it: the prices
 * confirmed in a month add up to the bill, not to more.
 */
export function extraPrice(plan: Plan, usedBefore: number, messages: number): number {
  const bill = (n: number) => Math.ceil(extraMilli(plan, n) / 1000);
  return bill(usedBefore + messages) - bill(usedBefore);
}
