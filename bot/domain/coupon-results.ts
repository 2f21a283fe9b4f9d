import { and, count, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { couponDraws, coupons, purchases, stores } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { type CouponTemplate, requireTemplate } from './coupon-templates.ts';
import type { IssueHow } from './coupons.ts';
import { ensureCan } from './permissions.ts';

/** What one store made of a template's coupons: how many were used there, the NT$ they took off, the sales. */
export interface StoreResults {
  /** Null for the purchases of no store (online). */
  storeId: number | null;
  storeName: string | null;
  used: number;
  discount: number;
  /** NT$ the member paid for the purchases that used them, after every discount, less what was refunded. */
  sales: number;
}

/** How a template's coupons have done: what a marketer reads to judge a campaign (issue 13, point 5). */
export interface TemplateResults {
  templateId: number;
  issued: number;
  /** Issued without a staff member: claim links, the lottery, points, joining, a tier, the birthday month. */
  claimed: number;
  byHow: Record<IssueHow, number>;
  /** Lottery draws, won or lost (a won draw is one of `byHow.lottery`). */
  draws: number;
  /** Issued and still good or not yet good. */
  unused: number;
  used: number;
  /** Marked expired, or issued and past their last moment. */
  expired: number;
  void: number;
  /** NT$ taken off by the coupons counted here. */
  discountGiven: number;
  /** This template's discount budget, and what is left of it (its own coupons count against it, ADR 26). */
  budget: number | null;
  budgetLeft: number | null;
  /** The templates counted: this one, and with `withEarlier` the versions it was copied from, newest first. */
  versions: number[];
  byStore: StoreResults[];
}

const HOWS: IssueHow[] = ['staff', 'claim', 'lottery', 'points', 'join', 'tier', 'birthday'];

async function countsOf(tx: Tx, templateIds: number[], now: Date) {
  const ofTemplate = inArray(coupons.templateId, templateIds);
  const byHow = await tx
    .select({ how: coupons.how, n: count() })
    .from(coupons)
    .where(ofTemplate)
    .groupBy(coupons.how);
  const byStatus = await tx
    .select({ status: coupons.status, n: count() })
    .from(coupons)
    .where(ofTemplate)
    .groupBy(coupons.status);
  const [lapsed] = await tx
    .select({ n: count() })
    .from(coupons)
    .where(and(ofTemplate, eq(coupons.status, 'issued'), lt(coupons.validUntil, now)));
  const [drawn] = await tx
    .select({ n: count() })
    .from(couponDraws)
    .where(inArray(couponDraws.templateId, templateIds));
  const status = (name: string) => byStatus.find((row) => row.status === name)?.n ?? 0;
  return {
    byHow: Object.fromEntries(
      HOWS.map((how) => [how, byHow.find((row) => row.how === how)?.n ?? 0]),
    ) as Record<IssueHow, number>,
    unused: status('issued') - lapsed!.n,
    used: status('used'),
    expired: status('expired') + lapsed!.n,
    void: status('void'),
    draws: drawn!.n,
  };
}

/**
 * Per store, the used coupons and their discount, and the sales of the purchases that used them. A purchase that
 * used two coupons of the template counts its sales once; a voided purchase gives its coupon back, so it is not
 * here. Sales are what was paid (`purchases.amount`, after coupons and points) less what was refunded since.
 */
async function byStoreOf(tx: Tx, templateIds: number[]): Promise<StoreResults[]> {
  const usedHere = and(inArray(coupons.templateId, templateIds), eq(coupons.status, 'used'));
  const use = await tx
    .select({
      storeId: coupons.usedStoreId,
      used: count(),
      discount: sql<number>`coalesce(sum(${coupons.discount}), 0)`.mapWith(Number),
    })
    .from(coupons)
    .where(usedHere)
    .groupBy(coupons.usedStoreId);
  const usedPurchases = tx
    .selectDistinct({ purchaseId: coupons.purchaseId })
    .from(coupons)
    .where(usedHere)
    .as('used_purchases');
  const sales = await tx
    .select({
      storeId: purchases.storeId,
      sales: sql<number>`coalesce(sum(${purchases.amount} - ${purchases.refundedAmount}), 0)`.mapWith(Number),
    })
    .from(purchases)
    .innerJoin(usedPurchases, eq(usedPurchases.purchaseId, purchases.id))
    .where(ne(purchases.status, 'voided'))
    .groupBy(purchases.storeId);
  const storeIds = [...new Set([...use.map((row) => row.storeId), ...sales.map((row) => row.storeId)])];
  const known = storeIds.filter((id) => id !== null);
  const names =
    known.length === 0
      ? []
      : await tx.select({ id: stores.id, name: stores.name }).from(stores).where(inArray(stores.id, known));
  return storeIds
    .map((storeId) => ({
      storeId,
      storeName: names.find((store) => store.id === storeId)?.name ?? null,
      used: use.find((row) => row.storeId === storeId)?.used ?? 0,
      discount: use.find((row) => row.storeId === storeId)?.discount ?? 0,
      sales: sales.find((row) => row.storeId === storeId)?.sales ?? 0,
    }))
    .sort((a, b) => b.sales - a.sales || (a.storeId ?? 0) - (b.storeId ?? 0));
}

/** The template and, when asked, every version it was copied from (ADR 26's `previousId`), newest first. */
async function versionsOf(tx: Tx, template: CouponTemplate, withEarlier: boolean) {
  const versions = [template];
  while (withEarlier && versions.at(-1)!.previousId !== null)
    versions.push(await requireTemplate(tx, versions.at(-1)!.previousId!));
  return versions;
}

/**
 * A template's results at `now`: issued by each way in, used, expired (a coupon past its last moment counts as
 * expired before the daily job marks it), void, the discount given against the budget, and by store the
 * coupons used, their discount and the sales they brought. One snapshot, so the figures agree with each other.
 * `withEarlier`: a campaign whose template was edited into copies counts every version (ADR 26); the budget
 * left is still this version's own.
 */
export async function templateResults(
  engine: Engine,
  templateId: number,
  actor: Actor,
  now: Date,
  { withEarlier = false }: { withEarlier?: boolean } = {},
): Promise<TemplateResults> {
  ensureCan(actor, 'coupon_template.read');
  return engine.read(async (tx) => {
    const template = await requireTemplate(tx, templateId);
    const versions = await versionsOf(tx, template, withEarlier);
    const ids = versions.map((version) => version.id);
    const counts = await countsOf(tx, ids, now);
    const issued = HOWS.reduce((sum, how) => sum + counts.byHow[how], 0);
    return {
      templateId,
      issued,
      claimed: issued - counts.byHow.staff,
      ...counts,
      discountGiven: versions.reduce((sum, version) => sum + version.discountGiven, 0),
      budget: template.discountBudget,
      budgetLeft: template.discountBudget === null ? null : template.discountBudget - template.discountGiven,
      versions: ids,
      byStore: await byStoreOf(tx, ids),
    };
  });
}
