// What a campaign would cost before it is sent, and the marketer's confirmation of it (ADR 0030). LINE has no
// cost-estimate endpoint: the quota and this month's use come from LINE, the price from the plan table.
import { and, eq, gt, gte, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import { campaigns, marketingSettings } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { countSegment, membersOf } from '../segments/count.ts';
import { checkRules } from '../segments/rules.ts';
import { taipeiDate } from '../taipei-time.ts';
import { type Campaign, campaignIn, checkedFields } from './campaigns.ts';
import { fatigued as fatiguedOf } from './fatigue.ts';
import { extraPrice, type Plan } from './plans.ts';
import { type MarketingSettings, marketingSettingsIn, planOf } from './settings.ts';

/** Who a campaign would reach if it were frozen now. */
export interface Audience {
  matching: number;
  reachable: number;
  heldOut: number;
  fatigued: number;
  recipients: number;
}

/** LINE's answer to GET /v2/bot/message/quota and /quota/consumption. */
export interface LineQuota {
  quota: { type: 'none' | 'limited'; value: number | null };
  used: number;
}

export interface CostEstimate extends Audience, LineQuota {
  wouldUse: number;
  freeLeft: number | null;
  overFree: number;
  price: number;
  plan: Pick<Plan, 'code' | 'name' | 'monthlyFee' | 'included' | 'source' | 'asOf'>;
  budget: number | null;
  budgetLeft: number | null;
  needsConfirmation: boolean;
}

/**
 * Who a campaign would reach now, counted as the freeze counts them: the segment's matching members, those a
 * push may reach (friends who opted in, checked live), less the fatigued (weekly limit), less the expected
 * holdout: the freeze (freeze.ts) draws each of the rest at random, so its count is near this share, not equal.
 */
export async function audienceOf(
  engine: Engine,
  campaign: Campaign,
  settings: MarketingSettings,
  now: Date,
): Promise<Audience> {
  const rule = checkRules(campaign.rules);
  const { matching } = await countSegment(engine, rule, now);
  let reachable = 0;
  let fatigued = 0;
  for await (const ids of membersOf(engine, rule, now, { pageSize: 1_000 })) {
    reachable += ids.length;
    fatigued += (await engine.read((tx) => fatiguedOf(tx, ids, settings.weeklyLimit, now))).size;
  }
  const heldOut = Math.round(((reachable - fatigued) * campaign.holdoutPercent) / 100);
  return { matching, reachable, heldOut, fatigued, recipients: reachable - fatigued - heldOut };
}

/** The first moment of this Taipei month. */
export const taipeiMonthStart = (now: Date) => new Date(`${taipeiDate(now).slice(0, 7)}-01T00:00:00+08:00`);

/**
 * NT$ confirmed this Taipei month, leaving `except` out: by every campaign that confirmed a price (a draft too,
 * between its confirmation and its start, so two starts at once both count each other) but those cancelled
 * before sending anything.
 */
export async function confirmedThisMonth(tx: Tx, now: Date, except: number): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${campaigns.confirmedCost}), 0)`.mapWith(Number) })
    .from(campaigns)
    .where(
      and(
        isNotNull(campaigns.confirmedCost),
        or(ne(campaigns.status, 'cancelled'), gt(campaigns.sent, 0)),
        ne(campaigns.id, except),
        or(
          gte(campaigns.frozenAt, taipeiMonthStart(now)),
          and(isNull(campaigns.frozenAt), gte(campaigns.updatedAt, taipeiMonthStart(now))),
        ),
      ),
    );
  return row!.total;
}

/**
 * The arithmetic of an estimate: the messages the plan includes that are left this month (LINE's own limit if
 * it is lower), how many go beyond them and what those cost by the plan's tiers, and the budget left.
 */
export function priced(
  audience: Audience,
  line: LineQuota,
  settings: MarketingSettings,
  spent: number,
): CostEstimate {
  const plan = planOf(settings);
  const limit = line.quota.type === 'limited' && line.quota.value !== null ? line.quota.value : null;
  const included = limit === null ? plan.included : Math.min(limit, plan.included);
  const freeLeft = Math.max(0, included - line.used);
  const overFree = Math.max(0, audience.recipients - freeLeft);
  const price = extraPrice(plan, line.used, audience.recipients);
  const budget = settings.monthlyBudget;
  const { extra: _, ...shown } = plan;
  return {
    ...audience,
    ...line,
    wouldUse: line.used + audience.recipients,
    freeLeft,
    overFree,
    price,
    plan: shown,
    budget,
    budgetLeft: budget === null ? null : Math.max(0, budget - spent),
    needsConfirmation: overFree > 0,
  };
}

/** A campaign's cost estimate (the console's 預估費用), from its audience now and LINE's quota. */
export async function estimateCampaign(
  engine: Engine,
  id: number,
  line: LineQuota,
  actor: Actor,
  now: Date,
): Promise<CostEstimate> {
  ensureCan(actor, 'campaign.read');
  const { campaign, settings, spent } = await engine.read(async (tx) => ({
    campaign: await campaignIn(tx, id),
    settings: await marketingSettingsIn(tx),
    spent: await confirmedThisMonth(tx, now, id),
  }));
  return priced(await audienceOf(engine, campaign, settings, now), line, settings, spent);
}

/**
 * Before a campaign starts: refuses a coupon that can no longer be claimed (by field, as on saving), a push LINE would cut off (beyond the quota, or beyond the included
 * messages of a plan that sells no more), one beyond the free messages whose price the marketer has not
 * confirmed, and one the month's budget cannot pay; else records the confirmed price on the campaign. The
 * budget is summed again in the same transaction that records it.
 */
export async function confirmCost(
  engine: Engine,
  id: number,
  estimate: CostEstimate,
  confirmedCost: number | undefined,
  actor: Actor,
  now: Date,
): Promise<void> {
  ensureCan(actor, 'campaign.send');
  const { quota, wouldUse, overFree, price } = estimate;
  await engine.write(async (tx) => {
    const campaign = await campaignIn(tx, id);
    if (campaign.status === 'draft') await checkedFields(tx, { message: campaign.message }, now);
    // Starts take turns on the settings row (PostgreSQL), so each sums the others' confirmed prices.
    await lockRows(tx, marketingSettings, eq(marketingSettings.id, 1));
    const settings = await marketingSettingsIn(tx);
    const beyondQuota = quota.type === 'limited' && quota.value !== null && wouldUse > quota.value;
    if (beyondQuota || (overFree > 0 && !planOf(settings).extra))
      throw new DomainError('QUOTA_EXCEEDED', '超過本月可發送的訊息則數', { wouldUse, quota, overFree });
    if (estimate.needsConfirmation && confirmedCost !== price)
      throw new DomainError('COST_NOT_CONFIRMED', `這次發送將超出免費訊息，費用 NT$${price}，請確認`, {
        price,
      });
    const spent = await confirmedThisMonth(tx, now, id);
    if (settings.monthlyBudget !== null && spent + price > settings.monthlyBudget)
      throw new DomainError('OVER_BUDGET', '超過本月訊息預算', {
        price,
        budget: settings.monthlyBudget,
        budgetLeft: Math.max(0, settings.monthlyBudget - spent),
      });
    if (campaign.status !== 'draft') return;
    await tx.update(campaigns).set({ confirmedCost: price, updatedAt: now }).where(eq(campaigns.id, id));
    await auditAs(tx, actor, now, {
      action: 'campaign.confirm_cost',
      subjectType: 'campaign',
      subjectId: id,
      after: { price, recipients: estimate.recipients, overFree },
    });
  });
}
