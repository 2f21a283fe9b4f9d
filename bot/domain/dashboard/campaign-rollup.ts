// Keeps dashboard_campaigns current (ADR 0034), in the dashboard rollup's roll: each campaign the dashboard may show
// (started within its longest range) gets a row at the ids the roll goes up to; its recipients are then added
// CHUNK at a time by member id, and after them the rows committed since, CHUNK ids of each source at a time. Each
// chunk is a read, then one write that moves the cursor or the marks only from where the read started, so two
// instances never add a chunk twice, and no chunk holds the event loop for long.
import { and, asc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { campaignRecipients, campaigns, dashboardCampaigns } from '../../../db/schema.ts';
import {
  type CampaignSums,
  keptSums,
  membersSums,
  type RecentCampaign,
  rowsSums,
  type SalesMarks,
  type SalesProgress,
} from './campaign-sales.ts';

/** Recipients per catch-up chunk (each reads their purchases, refunds and online earnings: about 8 ms per 1,000 on
 * the 1M-member seed), and ids of each source per chunk after. */
const CHUNK = 1_000;
const DAY_MS = 86_400_000;
/** The dashboard's longest range, and a day: a campaign started before it is never shown. */
const SHOWN_DAYS = 367;
/** The statuses of campaigns that started: those the dashboard shows. */
export const STARTED = ['sending', 'paused', 'sent'] as const;
const KEYS = ['purchase', 'refund', 'ledger'] as const;
const yield_ = () => new Promise((resolve) => setImmediate(resolve));

async function shown(tx: Tx, now: Date): Promise<RecentCampaign[]> {
  const rows = await tx
    .select({ id: campaigns.id, startedAt: campaigns.startedAt })
    .from(campaigns)
    .where(
      and(
        inArray(campaigns.status, [...STARTED]),
        gte(campaigns.startedAt, new Date(now.getTime() - SHOWN_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(campaigns.id));
  return rows.flatMap((c) => (c.startedAt ? [{ id: c.id, startedAt: c.startedAt }] : []));
}

/** The member id `chunk` recipients past the cursor (or the last one's); null when none is left. */
async function nextCursor(tx: Tx, campaignId: number, cursor: number, chunk: number): Promise<number | null> {
  const r = campaignRecipients;
  const past = and(eq(r.campaignId, campaignId), gt(r.memberId, cursor));
  const [chunkEnd] = await tx
    .select({ id: r.memberId })
    .from(r)
    .where(past)
    .orderBy(asc(r.memberId))
    .limit(1)
    .offset(chunk - 1);
  if (chunkEnd) return chunkEnd.id;
  const [last] = await tx
    .select({ id: sql<number | null>`max(${r.memberId})` })
    .from(r)
    .where(past);
  return last?.id == null ? null : Number(last.id);
}

type Step =
  | { kind: 'start' }
  | { kind: 'add'; from: SalesProgress; to: SalesProgress; sums: CampaignSums }
  | { kind: 'done' };

/** What the next chunk of one campaign is: its row made, recipients past the cursor, or rows past the marks. */
async function nextStep(tx: Tx, campaign: RecentCampaign, target: SalesMarks, chunk: number): Promise<Step> {
  const [row] = await tx
    .select({ id: dashboardCampaigns.campaignId })
    .from(dashboardCampaigns)
    .where(eq(dashboardCampaigns.campaignId, campaign.id));
  if (!row) return { kind: 'start' };
  const { progress: from } = await keptSums(tx, campaign.id);
  const upTo = await nextCursor(tx, campaign.id, from.memberCursor, chunk);
  if (upTo !== null) {
    const sums = await membersSums(tx, campaign, from.memberCursor, upTo, from.marks);
    return { kind: 'add', from, to: { ...from, memberCursor: upTo }, sums };
  }
  const marks = Object.fromEntries(
    KEYS.map((k) => [k, Math.max(from.marks[k], Math.min(target[k], from.marks[k] + chunk))]),
  ) as unknown as SalesMarks;
  if (KEYS.every((k) => marks[k] === from.marks[k])) return { kind: 'done' };
  const sums = await rowsSums(tx, campaign, from.memberCursor, from.marks, marks);
  return { kind: 'add', from, to: { ...from, marks }, sums };
}

const sameProgress = (a: SalesProgress, b: SalesProgress) =>
  a.memberCursor === b.memberCursor && KEYS.every((k) => a.marks[k] === b.marks[k]);

/** Writes one step; false when another instance moved the row first. */
async function write(tx: Tx, campaign: RecentCampaign, step: Step, target: SalesMarks): Promise<boolean> {
  const d = dashboardCampaigns;
  if (step.kind === 'start') {
    const start = { campaignId: campaign.id, memberCursor: 0, recipients: 0, heldOut: 0 };
    const marks = { purchaseWatermark: target.purchase, refundWatermark: target.refund };
    const made = await tx
      .insert(d)
      .values({ ...start, ...marks, ledgerWatermark: target.ledger, recipientsSales: 0, holdoutSales: 0 })
      .onConflictDoNothing()
      .returning({ id: d.campaignId });
    return made.length > 0;
  }
  if (step.kind !== 'add') return false;
  if (!sameProgress((await keptSums(tx, campaign.id)).progress, step.from)) return false;
  const { sums, to } = step;
  await tx
    .update(d)
    .set({
      memberCursor: to.memberCursor,
      purchaseWatermark: to.marks.purchase,
      refundWatermark: to.marks.refund,
      ledgerWatermark: to.marks.ledger,
      recipients: sql`${d.recipients} + ${sums.recipients}`,
      heldOut: sql`${d.heldOut} + ${sums.heldOut}`,
      recipientsSales: sql`${d.recipientsSales} + ${sums.recipientsSales}`,
      holdoutSales: sql`${d.holdoutSales} + ${sums.holdoutSales}`,
    })
    .where(eq(d.campaignId, campaign.id));
  return true;
}

/**
 * Brings each shown campaign's sums up to `target` (ids every transaction that held one has committed: the
 * dashboard rollup's), a chunk at a time, requests going first between chunks. Answers the chunks written. Tests
 * stop it half way with smaller chunks and at most `most` of them.
 */
export async function rollCampaignSales(
  engine: Engine,
  target: SalesMarks,
  now: Date,
  { chunk = CHUNK, most = Number.POSITIVE_INFINITY } = {},
): Promise<number> {
  let chunks = 0;
  for (const campaign of await engine.read((tx) => shown(tx, now))) {
    while (chunks < most) {
      const step = await engine.read((tx) => nextStep(tx, campaign, target, chunk));
      if (step.kind === 'done' || !(await engine.write((tx) => write(tx, campaign, step, target)))) break;
      chunks += 1;
      await yield_();
    }
  }
  return chunks;
}
