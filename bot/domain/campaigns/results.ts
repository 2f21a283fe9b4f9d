// A campaign's results (issue 14, point 5): who it went to and reached, who opened its link, the coupons it
// brought, what recipients bought against the holdout (the uplift) and who blocked the account after it. Every
// figure is one set-based query over the campaign's recipients (their key leads with the campaign), so a campaign
// to a million members is read without a loop per member.
import { and, count, countDistinct, eq, exists, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import {
  campaignBatches,
  campaignClicks,
  campaignRecipients,
  coupons,
  couponTemplates,
  lineFriends,
  webhookEvents,
} from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { ensureCan } from '../permissions.ts';
import { type Campaign, campaignIn } from './campaigns.ts';
import {
  DAY_MS,
  dayOf,
  type GroupSales,
  groupSales,
  plusHours,
  type ResultsDay,
  salesByDay,
  uplift,
  type Window,
} from './results-sales.ts';

export const DEFAULT_DAYS = 14;
/** A block counts against the campaign when it came within this many hours of the member's batch being sent. */
export const UNFOLLOW_HOURS = 48;

export interface CampaignResults {
  campaignId: number;
  days: number;
  from: string | null;
  until: string | null;
  recipients: number;
  heldOut: number;
  skipped: number;
  delivered: number;
  failed: number;
  clicks: { members: number; total: number };
  coupons: { claimed: number; redeemed: number; throughLink: number } | null;
  sales: { recipients: GroupSales; holdout: GroupSales; uplift: number | null; upliftPercent: number | null };
  unfollows: number;
  series: ResultsDay[];
}

const r = campaignRecipients;
const sent = (campaignId: number) =>
  and(eq(r.campaignId, campaignId), eq(r.holdout, false), isNull(r.skipped));

/** Members sent to, held out and skipped; and of those sent to, how many their batch reached or failed. */
async function reach(tx: Tx, campaignId: number) {
  const groups = await tx
    .select({ holdout: r.holdout, skipped: r.skipped, n: count() })
    .from(r)
    .where(eq(r.campaignId, campaignId))
    .groupBy(r.holdout, r.skipped);
  const outcomes = await tx
    .select({ status: campaignBatches.status, n: count() })
    .from(r)
    .innerJoin(
      campaignBatches,
      and(eq(campaignBatches.campaignId, r.campaignId), eq(campaignBatches.batchNo, r.batchNo)),
    )
    .where(eq(r.campaignId, campaignId))
    .groupBy(campaignBatches.status);
  const sum = (rows: { n: number }[]) => rows.reduce((total, row) => total + row.n, 0);
  return {
    recipients: sum(groups.filter((g) => !g.holdout && g.skipped === null)),
    heldOut: sum(groups.filter((g) => g.holdout)),
    skipped: sum(groups.filter((g) => g.skipped !== null)),
    delivered: sum(outcomes.filter((o) => o.status === 'sent')),
    failed: sum(outcomes.filter((o) => o.status === 'failed')),
  };
}

/** The template and the copies made of it when its meaning was edited (ADR 26): a claim link follows them. */
async function templateLine(tx: Tx, templateId: number): Promise<number[]> {
  const ids = [templateId];
  for (let next = [templateId]; next.length > 0; ) {
    const copies = await tx
      .select({ id: couponTemplates.id })
      .from(couponTemplates)
      .where(inArray(couponTemplates.previousId, next));
    next = copies.map((c) => c.id).filter((id) => !ids.includes(id));
    ids.push(...next);
  }
  return ids;
}

/**
 * The campaign's coupons: its template's coupons claimed in the window (a claim or a lottery win, not a staff
 * give) by a member it was sent to, or by one who opened its link (the click token: a forwarded message too).
 */
function campaignCoupons(tx: Tx, campaignId: number, templateIds: number[], window: Window) {
  const clicked = exists(
    tx
      .select({ one: sql`1` })
      .from(campaignClicks)
      .where(and(eq(campaignClicks.campaignId, campaignId), eq(campaignClicks.memberId, coupons.memberId))),
  );
  const recipient = exists(
    tx
      .select({ one: sql`1` })
      .from(r)
      .where(and(sent(campaignId), eq(r.memberId, coupons.memberId))),
  );
  const where = and(
    inArray(coupons.templateId, templateIds),
    inArray(coupons.how, ['claim', 'lottery']),
    gte(coupons.issuedAt, window.from),
    lt(coupons.issuedAt, window.until),
    or(recipient, clicked),
  );
  return { clicked, where };
}

const countWhen = (condition: ReturnType<typeof sql>) =>
  sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`.mapWith(Number);

/** Delivered recipients who blocked the account within UNFOLLOW_HOURS of their batch: by the webhook's unfollow
 * events (every one, even if followed again since), or by the friendship's block time. */
async function unfollows(tx: Tx, dialect: Engine['dialect'], campaignId: number): Promise<number> {
  const b = campaignBatches;
  const until = plusHours(dialect, b.sentAt, UNFOLLOW_HOURS);
  const [row] = await tx
    .select({ n: count() })
    .from(r)
    .innerJoin(b, and(eq(b.campaignId, r.campaignId), eq(b.batchNo, r.batchNo)))
    .where(
      and(
        eq(r.campaignId, campaignId),
        eq(b.status, 'sent'),
        or(
          exists(
            tx
              .select({ one: sql`1` })
              .from(webhookEvents)
              .where(
                and(
                  eq(webhookEvents.lineUserId, r.lineUserId),
                  eq(webhookEvents.type, 'unfollow'),
                  sql`${webhookEvents.occurredAt} >= ${b.sentAt}`,
                  sql`${webhookEvents.occurredAt} < ${until}`,
                ),
              ),
          ),
          exists(
            tx
              .select({ one: sql`1` })
              .from(lineFriends)
              .where(
                and(
                  eq(lineFriends.lineUserId, r.lineUserId),
                  sql`${lineFriends.blockedAt} >= ${b.sentAt}`,
                  sql`${lineFriends.blockedAt} < ${until}`,
                ),
              ),
          ),
        ),
      ),
    );
  return row?.n ?? 0;
}

/** How a campaign did, `days` (1–90) from its start; before it starts, its reach only. campaign.results. */
export async function campaignResults(
  engine: Engine,
  campaignId: number,
  actor: Actor,
  now: Date,
  days = DEFAULT_DAYS,
): Promise<CampaignResults> {
  ensureCan(actor, 'campaign.results');
  return engine.read(async (tx) => {
    const campaign = await campaignIn(tx, campaignId);
    const counts = await reach(tx, campaignId);
    const from = campaign.startedAt;
    const window: Window | null = from && {
      from,
      until: new Date(from.getTime() + days * DAY_MS),
      daysBegun: now < from ? 0 : Math.min(days, Math.floor((now.getTime() - from.getTime()) / DAY_MS) + 1),
    };
    const sales = window
      ? await groupSales(tx, campaignId, window, { recipients: counts.recipients, holdout: counts.heldOut })
      : null;
    const empty = { members: 0, buyers: 0, inStore: 0, online: 0, total: 0, perMember: 0 };
    const sizes = (n: number) => ({ ...empty, members: n });
    return {
      campaignId,
      days,
      from: window?.from.toISOString() ?? null,
      until: window?.until.toISOString() ?? null,
      ...counts,
      clicks: await clickCounts(tx, campaignId),
      coupons: await couponCounts(tx, campaign, window),
      sales: sales
        ? { ...sales, ...uplift(sales) }
        : {
            recipients: sizes(counts.recipients),
            holdout: sizes(counts.heldOut),
            uplift: null,
            upliftPercent: null,
          },
      unfollows: window ? await unfollows(tx, engine.dialect, campaignId) : 0,
      series: window ? await series(tx, engine.dialect, campaign, window) : [],
    };
  });
}

async function clickCounts(tx: Tx, campaignId: number) {
  const [row] = await tx
    .select({ members: countDistinct(campaignClicks.memberId), total: count() })
    .from(campaignClicks)
    .where(eq(campaignClicks.campaignId, campaignId));
  return { members: row?.members ?? 0, total: row?.total ?? 0 };
}

async function couponCounts(tx: Tx, campaign: Campaign, window: Window | null) {
  const message = campaign.message;
  if (message.kind !== 'coupon') return null;
  if (!window) return { claimed: 0, redeemed: 0, throughLink: 0 };
  const templateIds = await templateLine(tx, message.templateId);
  const { clicked, where } = campaignCoupons(tx, campaign.id, templateIds, window);
  const [row] = await tx
    .select({
      claimed: count(),
      redeemed: countWhen(sql`${coupons.status} = 'used'`),
      throughLink: countWhen(sql`${clicked}`),
    })
    .from(coupons)
    .where(where);
  return { claimed: row?.claimed ?? 0, redeemed: row?.redeemed ?? 0, throughLink: row?.throughLink ?? 0 };
}

/** The chart's rows: each begun day's spend by group, clicks and claims. */
async function series(tx: Tx, dialect: Engine['dialect'], campaign: Campaign, window: Window) {
  const spend = await salesByDay(tx, dialect, campaign.id, window);
  const clickDay = dayOf(dialect, campaignClicks.at, window.from);
  const clicks = await tx
    .select({ day: clickDay, n: count() })
    .from(campaignClicks)
    .where(
      and(
        eq(campaignClicks.campaignId, campaign.id),
        gte(campaignClicks.at, window.from),
        lt(campaignClicks.at, window.until),
      ),
    )
    .groupBy(clickDay);
  const message = campaign.message;
  let claims: { day: number; n: number }[] = [];
  if (message.kind === 'coupon') {
    const templateIds = await templateLine(tx, message.templateId);
    const claimDay = dayOf(dialect, coupons.issuedAt, window.from);
    claims = await tx
      .select({ day: claimDay, n: count() })
      .from(coupons)
      .where(campaignCoupons(tx, campaign.id, templateIds, window).where)
      .groupBy(claimDay);
  }
  return Array.from({ length: window.daysBegun }, (_, day) => ({
    day,
    recipientsSpend: spend.get(day)?.recipientsSpend ?? 0,
    holdoutSpend: spend.get(day)?.holdoutSpend ?? 0,
    clicks: clicks.find((c) => c.day === day)?.n ?? 0,
    claims: claims.find((c) => c.day === day)?.n ?? 0,
  }));
}
