// The sales part of a campaign's results: what recipients and the holdout spent in the window, each group's figures
// in one grouped query, and the same by day for the chart. Set-based: one query per figure, joining the campaign's
// recipients (read by their key) to the window's sales, never a query per member.
import { and, eq, gte, isNotNull, isNull, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { campaignRecipients, pointsLedger, purchases } from '../../../db/schema.ts';

/** One group's purchases in the window (bot/schemas/campaign-results-api.ts says each figure). */
export interface GroupSales {
  members: number;
  buyers: number;
  inStore: number;
  online: number;
  total: number;
  perMember: number;
}

/** One day of the chart: days since the start, each group's spend, clicks and claims. */
export interface ResultsDay {
  day: number;
  recipientsSpend: number;
  holdoutSpend: number;
  clicks: number;
  claims: number;
}

export const DAY_MS = 86_400_000;

/** The window the sales, claims and clicks are counted in: from the campaign's start, `days` long. */
export interface Window {
  from: Date;
  until: Date;
  /** Days of the window that have begun by now: the chart's rows. */
  daysBegun: number;
}

/**
 * Whole days from `from` to a time column, in SQL: 0 for the first 24 hours. Each engine says it its own way
 * (SQLite keeps milliseconds as integers; PostgreSQL a timestamptz).
 */
export function dayOf(dialect: Engine['dialect'], column: SQLWrapper, from: Date): SQL<number> {
  // The start as a literal (a whole number from a Date), so that the select and the group by are one expression.
  const start = sql.raw(String(from.getTime()));
  return dialect === 'sqlite'
    ? sql<number>`cast((${column} - ${start}) / ${sql.raw(String(DAY_MS))} as integer)`.mapWith(Number)
    : sql<number>`floor((extract(epoch from ${column}) * 1000 - ${start}) / ${sql.raw(String(DAY_MS))})::int`.mapWith(
        Number,
      );
}

/** A time column plus `hours`, in SQL. */
export function plusHours(dialect: Engine['dialect'], column: SQLWrapper, hours: number): SQL {
  return dialect === 'sqlite'
    ? sql`(${column} + ${hours * 3_600_000})`
    : sql`(${column} + make_interval(hours => ${hours}))`;
}

/**
 * The window's sales, one row each: purchases at the counter or online (`purchases`: what was paid less what was
 * refunded; a voided one makes no buyer), and points earned outside a purchase for an order elsewhere (a ledger
 * `earn` with its NT$ and no purchase: an online shop's order, bot/domain/points-earning.ts).
 */
function salesIn(tx: Tx, window: Window) {
  const p = purchases;
  const l = pointsLedger;
  return tx
    .select({
      memberId: p.memberId,
      channel: p.channel,
      paid: sql<number>`${p.amount} - ${p.refundedAmount}`.as('paid'),
      bought: sql<number>`case when ${p.status} <> 'voided' then 1 else 0 end`.as('bought'),
      at: p.occurredAt,
    })
    .from(p)
    .where(and(gte(p.occurredAt, window.from), lt(p.occurredAt, window.until)))
    .unionAll(
      tx
        .select({
          memberId: l.memberId,
          channel: l.channel,
          paid: sql<number>`${l.amount}`.as('paid'),
          bought: sql<number>`1`.as('bought'),
          at: l.occurredAt,
        })
        .from(l)
        .where(
          and(
            eq(l.kind, 'earn'),
            isNull(l.purchaseId),
            isNotNull(l.amount),
            gte(l.occurredAt, window.from),
            lt(l.occurredAt, window.until),
          ),
        ),
    )
    .as('sales');
}

/** The campaign's members sent to or held out (the skipped are in neither group), joined to the window's sales. */
function groupsWithSales(tx: Tx, campaignId: number, window: Window) {
  const s = salesIn(tx, window);
  const total = sql<number>`coalesce(sum(${s.paid}), 0)`.mapWith(Number);
  const paidIn = (channel: 'store' | 'online') =>
    sql<number>`coalesce(sum(case when ${s.channel} = ${channel} then ${s.paid} else 0 end), 0)`.mapWith(
      Number,
    );
  const buyers = sql<number>`count(distinct case when ${s.bought} = 1 then ${s.memberId} end)`.mapWith(
    Number,
  );
  const on = eq(s.memberId, campaignRecipients.memberId);
  const where = and(eq(campaignRecipients.campaignId, campaignId), isNull(campaignRecipients.skipped));
  return { s, total, paidIn, buyers, on, where };
}

const perMember = (total: number, members: number) => (members === 0 ? 0 : Math.round(total / members));

/** Each group's purchases in the window; `sizes` are the groups' members (recipients sent to, held out). */
export async function groupSales(
  tx: Tx,
  campaignId: number,
  window: Window,
  sizes: { recipients: number; holdout: number },
): Promise<{ recipients: GroupSales; holdout: GroupSales }> {
  const q = groupsWithSales(tx, campaignId, window);
  const rows = await tx
    .select({
      holdout: campaignRecipients.holdout,
      ...{ buyers: q.buyers, inStore: q.paidIn('store'), online: q.paidIn('online'), total: q.total },
    })
    .from(campaignRecipients)
    .innerJoin(q.s, q.on)
    .where(q.where)
    .groupBy(campaignRecipients.holdout);
  const group = (holdout: boolean, members: number): GroupSales => {
    const row = rows.find((r) => Boolean(r.holdout) === holdout);
    const total = row?.total ?? 0;
    return {
      members,
      buyers: row?.buyers ?? 0,
      inStore: row?.inStore ?? 0,
      online: row?.online ?? 0,
      total,
      perMember: perMember(total, members),
    };
  };
  return { recipients: group(false, sizes.recipients), holdout: group(true, sizes.holdout) };
}

/** Recipients' spend per member less the holdout's, in NT$ and as a percentage of the holdout's (one decimal). */
export function uplift(sales: {
  recipients: Pick<GroupSales, 'members' | 'total'>;
  holdout: Pick<GroupSales, 'members' | 'total'>;
}) {
  const { recipients: r, holdout: h } = sales;
  if (r.members === 0 || h.members === 0) return { uplift: null, upliftPercent: null };
  const treated = r.total / r.members;
  const held = h.total / h.members;
  return {
    uplift: Math.round(treated - held),
    upliftPercent: held === 0 ? null : Math.round(((treated - held) / held) * 1000) / 10,
  };
}

/** The groups' spend by day of the window. */
export async function salesByDay(
  tx: Tx,
  dialect: Engine['dialect'],
  campaignId: number,
  window: Window,
): Promise<Map<number, Pick<ResultsDay, 'recipientsSpend' | 'holdoutSpend'>>> {
  const q = groupsWithSales(tx, campaignId, window);
  const day = dayOf(dialect, q.s.at, window.from);
  const rows = await tx
    .select({ holdout: campaignRecipients.holdout, day, total: q.total })
    .from(campaignRecipients)
    .innerJoin(q.s, q.on)
    .where(q.where)
    .groupBy(campaignRecipients.holdout, day);
  const days = new Map<number, Pick<ResultsDay, 'recipientsSpend' | 'holdoutSpend'>>();
  for (const row of rows) {
    const at = days.get(row.day) ?? { recipientsSpend: 0, holdoutSpend: 0 };
    if (row.holdout) at.holdoutSpend += row.total;
    else at.recipientsSpend += row.total;
    days.set(row.day, at);
  }
  return days;
}
