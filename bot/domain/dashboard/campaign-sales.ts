// What a recent campaign's recipients and holdout paid in its results' window (ADR 0034), for the dashboard's
// uplift, with campaignResults' definitions (results-sales.ts): purchases in the window less their refunds, and
// online earnings in it. Kept in dashboard_campaigns up to a cursor through the recipients (by member id) and
// watermarks through the rows (by id); the read adds live what is past either, so a campaign to a million members
// reads a few rows, exactly.
import {
  and,
  type Column,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import {
  campaignRecipients,
  dashboardCampaigns,
  pointsLedger,
  purchaseRefunds,
  purchases,
} from '../../../db/schema.ts';
import { DEFAULT_DAYS } from '../campaigns/results.ts';
import { DAY_MS } from '../campaigns/results-sales.ts';

/** The ids of each source a campaign's sums go up to. */
export interface SalesMarks {
  purchase: number;
  refund: number;
  ledger: number;
}

/** Recipients sent to and held out, and what each group paid. */
export interface CampaignSums {
  recipients: number;
  heldOut: number;
  recipientsSales: number;
  holdoutSales: number;
}

/** How far a campaign's sums go: recipients with member ids up to the cursor, rows with ids up to the marks. */
export interface SalesProgress {
  memberCursor: number;
  marks: SalesMarks;
}

export interface RecentCampaign {
  id: number;
  startedAt: Date;
}

export const NO_SUMS: CampaignSums = { recipients: 0, heldOut: 0, recipientsSales: 0, holdoutSales: 0 };
const TOP_ID = 2 ** 31 - 1;
/** Member ids in one query's list: well within either engine's limit on parameters. */
const KEYS_A_QUERY = 1_000;
const EVERY_ROW: SalesMarks = { purchase: TOP_ID, refund: TOP_ID, ledger: TOP_ID };
const NOTHING_YET: SalesProgress = { memberCursor: 0, marks: { purchase: 0, refund: 0, ledger: 0 } };

export const plus = (a: CampaignSums, b: CampaignSums): CampaignSums => ({
  recipients: a.recipients + b.recipients,
  heldOut: a.heldOut + b.heldOut,
  recipientsSales: a.recipientsSales + b.recipientsSales,
  holdoutSales: a.holdoutSales + b.holdoutSales,
});

const r = campaignRecipients;
const total = (expr: SQL) => sql<number>`coalesce(sum(${expr}), 0)`.mapWith(Number);

/** The sales rows' conditions: a campaign's recipients (not skipped), member ids in (after, upTo], in the window. */
function scope(campaign: RecentCampaign, after: number, upTo: number) {
  const until = new Date(campaign.startedAt.getTime() + DEFAULT_DAYS * DAY_MS);
  return {
    recipients: and(
      eq(r.campaignId, campaign.id),
      isNull(r.skipped),
      gt(r.memberId, after),
      lte(r.memberId, upTo),
    ),
    during: (at: typeof purchases.occurredAt | typeof pointsLedger.occurredAt) =>
      and(gte(at, campaign.startedAt), lt(at, until)),
  };
}

/**
 * What recipients with member ids in (after, upTo] paid in the window, from rows with ids up to `to`, by group: a
 * range of recipients, each one's rows by member. SQLite keeps a CROSS JOIN's order as written (left to itself it
 * read the ledger's rows without a purchase for an empty range of recipients).
 */
async function paid(
  tx: Tx,
  campaign: RecentCampaign,
  members: { after: number; upTo: number },
  to: SalesMarks,
): Promise<CampaignSums> {
  const { recipients, during } = scope(campaign, members.after, members.upTo);
  const sums = { ...NO_SUMS };
  const add = (rows: { holdout: boolean; paid: number }[]) => {
    for (const row of rows)
      if (row.holdout) sums.holdoutSales += row.paid;
      else sums.recipientsSales += row.paid;
  };
  const ids = (column: Column, key: keyof SalesMarks) => lte(column, to[key]);
  const p = purchases;
  const f = purchaseRefunds;
  const l = pointsLedger;
  const bought = { holdout: r.holdout, paid: total(sql`${p.amount}`) };
  const byMember = eq(p.memberId, r.memberId);
  const purchased = and(recipients, byMember, during(p.occurredAt), ids(p.id, 'purchase'));
  add(await tx.select(bought).from(r).crossJoin(p).where(purchased).groupBy(r.holdout));
  const refunded = { holdout: r.holdout, paid: total(sql`-${f.amount}`) };
  const ofPurchase = eq(f.purchaseId, p.id);
  const refunds = and(recipients, byMember, ofPurchase, during(p.occurredAt), ids(f.id, 'refund'));
  add(await tx.select(refunded).from(r).crossJoin(p).crossJoin(f).where(refunds).groupBy(r.holdout));
  const earned = { holdout: r.holdout, paid: total(sql`${l.amount}`) };
  const earner = eq(l.memberId, r.memberId);
  // Read by member, a ledger row's purchase is tested, not looked up: SQLite would otherwise walk every row without
  // a purchase (the index on purchase_id) for each recipient.
  const noPurchase = sql`+${l.purchaseId} is null`;
  const online = and(
    ...[recipients, earner, eq(l.kind, 'earn'), noPurchase, isNotNull(l.amount)],
    ...[during(l.occurredAt), ids(l.id, 'ledger')],
  );
  add(await tx.select(earned).from(r).crossJoin(l).where(online).groupBy(r.holdout));
  return sums;
}

/** The recipients with member ids in (after, upTo], counted by group. */
async function counted(tx: Tx, campaign: RecentCampaign, after: number, upTo: number) {
  const rows = await tx
    .select({ holdout: r.holdout, n: sql<number>`count(*)`.mapWith(Number) })
    .from(r)
    .where(scope(campaign, after, upTo).recipients)
    .groupBy(r.holdout);
  return {
    recipients: rows.find((row) => !row.holdout)?.n ?? 0,
    heldOut: rows.find((row) => row.holdout)?.n ?? 0,
  };
}

/** Recipients with member ids in (after, upTo], counted, with what they paid from rows with ids up to `marks`. */
export async function membersSums(
  tx: Tx,
  campaign: RecentCampaign,
  after: number,
  upTo: number,
  marks: SalesMarks,
): Promise<CampaignSums> {
  const sales = await paid(tx, campaign, { after, upTo }, marks);
  return { ...sales, ...(await counted(tx, campaign, after, upTo)) };
}

/** What recipients with member ids up to `upTo` paid from rows with ids in (from, to]. */
export async function rowsSums(
  tx: Tx,
  campaign: RecentCampaign,
  upTo: number,
  from: SalesMarks,
  to: SalesMarks,
): Promise<CampaignSums> {
  const { recipients, during } = scope(campaign, 0, upTo);
  const ids = (column: Column, key: keyof SalesMarks) => and(gt(column, from[key]), lte(column, to[key]));
  const p = purchases;
  const f = purchaseRefunds;
  const l = pointsLedger;
  // The rows first, then their members' recipient rows by the key: a join left to PostgreSQL's planner read every
  // recipient of a freshly frozen campaign (its statistics not yet taken), seconds at each read.
  const rows: { member: number; paid: number | null }[] = [
    ...(await tx
      .select({ member: p.memberId, paid: p.amount })
      .from(p)
      .where(and(during(p.occurredAt), ids(p.id, 'purchase')))),
    ...(await tx
      .select({ member: p.memberId, paid: sql<number>`-${f.amount}`.mapWith(Number) })
      .from(f)
      .innerJoin(p, eq(p.id, f.purchaseId))
      .where(and(during(p.occurredAt), ids(f.id, 'refund')))),
    ...(await tx
      .select({ member: l.memberId, paid: l.amount })
      .from(l)
      .where(
        and(
          eq(l.kind, 'earn'),
          isNull(l.purchaseId),
          isNotNull(l.amount),
          during(l.occurredAt),
          ids(l.id, 'ledger'),
        ),
      )),
  ];
  const members = [...new Set(rows.map((row) => row.member))];
  const holdout = new Map<number, boolean>();
  for (let i = 0; i < members.length; i += KEYS_A_QUERY)
    for (const g of await tx
      .select({ member: r.memberId, holdout: r.holdout })
      .from(r)
      .where(and(recipients, inArray(r.memberId, members.slice(i, i + KEYS_A_QUERY)))))
      holdout.set(g.member, g.holdout);
  const sums = { ...NO_SUMS };
  for (const row of rows) {
    const held = holdout.get(row.member);
    if (held === true) sums.holdoutSales += row.paid ?? 0;
    else if (held === false) sums.recipientsSales += row.paid ?? 0;
  }
  return sums;
}

/** The campaign's kept sums and how far they go; nothing yet when the rollup has not reached it. */
export async function keptSums(tx: Tx, campaignId: number) {
  const [row] = await tx
    .select()
    .from(dashboardCampaigns)
    .where(eq(dashboardCampaigns.campaignId, campaignId));
  if (!row) return { sums: NO_SUMS, progress: NOTHING_YET };
  const { recipients, heldOut, recipientsSales, holdoutSales } = row;
  const marks = { purchase: row.purchaseWatermark, refund: row.refundWatermark, ledger: row.ledgerWatermark };
  return {
    sums: { recipients, heldOut, recipientsSales, holdoutSales },
    progress: { memberCursor: row.memberCursor, marks },
  };
}

/** The campaign's sums now: what is kept, the recipients past the cursor, and the rows past the marks. */
export async function campaignSums(tx: Tx, campaign: RecentCampaign): Promise<CampaignSums> {
  const { sums, progress } = await keptSums(tx, campaign.id);
  const rest = await membersSums(tx, campaign, progress.memberCursor, TOP_ID, EVERY_ROW);
  const since = await rowsSums(tx, campaign, progress.memberCursor, progress.marks, EVERY_ROW);
  return plus(plus(sums, rest), since);
}
