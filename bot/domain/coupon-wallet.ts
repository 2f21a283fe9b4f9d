/**
 * The member's coupons as they see them: the wallet, one coupon, and the templates offered to them (a claim link,
 * the lottery, the rewards catalogue). Read-only: the LINE messages (優惠券), the wallet pages and the member API
 * all build on these views, so a coupon reads the same everywhere.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { couponDraws, coupons, couponTemplates, stores } from '../../db/schema.ts';
import { claimCapOf, currentCopyOf } from './coupon-claims.ts';
import type { CouponTemplate } from './coupon-templates.ts';
import { type Coupon, validityOf } from './coupons.ts';
import { DomainError } from './errors.ts';

export type CouponState = 'usable' | 'not_yet' | 'used' | 'expired' | 'void';
export type OfferRefusal =
  | 'COUPON_NOT_AVAILABLE'
  | 'COUPONS_ALL_ISSUED'
  | 'COUPON_MEMBER_LIMIT'
  | 'LOTTERY_ALREADY_DRAWN';
type StoreName = { id: number; name: string };

/** What a coupon gives and where, the same for an issued coupon and an offer of its template. */
interface Meaning {
  title: string;
  titleEn: string;
  imageUrl: string | null;
  kind: CouponTemplate['kind'];
  amountOff: number | null;
  percentOff: number | null;
  maxDiscount: number | null;
  giftName: string | null;
  giftNameEn: string | null;
  minSpend: number;
  terms: string;
  termsEn: string;
  /** null: every store. */
  stores: StoreName[] | null;
  channels: CouponTemplate['channels'];
}

/** One of the member's coupons (bot/schemas/coupon-wallet-api.ts `CouponCardView`). */
export interface CouponCardView extends Meaning {
  id: number;
  templateId: number;
  code: string;
  stackable: boolean;
  validFrom: string;
  validUntil: string;
  state: CouponState;
  usedAt: string | null;
  usedStoreName: string | null;
  discount: number | null;
}

/** A template as a member sees it before claiming or exchanging (`CouponOfferView`). */
export interface CouponOfferView extends Meaning {
  templateId: number;
  validFrom: string | null;
  validUntil: string | null;
  validDays: number | null;
  lotteryWinPercent: number | null;
  pointsPrice: number | null;
  canClaim: boolean;
  reason: OfferRefusal | null;
}

export interface Wallet {
  usable: CouponCardView[];
  used: CouponCardView[];
  expired: CouponCardView[];
}

const LIST_LIMIT = 50;

/** A coupon's state from its row and the time: an issued coupon past its last moment reads expired at once. */
export function stateOf(coupon: Pick<Coupon, 'status' | 'validFrom' | 'validUntil'>, now: Date): CouponState {
  if (coupon.status !== 'issued') return coupon.status;
  if (coupon.validUntil < now) return 'expired';
  return coupon.validFrom > now ? 'not_yet' : 'usable';
}

async function storeNames(tx: Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: stores.id, name: stores.name })
    .from(stores)
    .where(inArray(stores.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

function meaningOf(template: CouponTemplate, names: Map<number, string>): Meaning {
  return {
    title: template.title,
    titleEn: template.titleEn,
    imageUrl: template.imageUrl,
    kind: template.kind,
    amountOff: template.amountOff,
    percentOff: template.percentOff,
    maxDiscount: template.maxDiscount,
    giftName: template.giftName,
    giftNameEn: template.giftNameEn,
    minSpend: template.minSpend,
    terms: template.terms,
    termsEn: template.termsEn,
    stores: template.storeIds?.map((id) => ({ id, name: names.get(id) ?? '' })) ?? null,
    channels: template.channels,
  };
}

/** The views of coupons read with their templates, with the stores' names read once for all of them. */
async function cardViews(
  tx: Tx,
  rows: { coupon: Coupon; template: CouponTemplate }[],
  now: Date,
): Promise<CouponCardView[]> {
  const ids = rows.flatMap(({ coupon, template }) => [
    ...(template.storeIds ?? []),
    ...(coupon.usedStoreId === null ? [] : [coupon.usedStoreId]),
  ]);
  const names = await storeNames(tx, ids);
  return rows.map(({ coupon, template }) => ({
    id: coupon.id,
    templateId: coupon.templateId,
    code: coupon.code,
    ...meaningOf(template, names),
    stackable: template.stackable,
    validFrom: coupon.validFrom.toISOString(),
    validUntil: coupon.validUntil.toISOString(),
    state: stateOf(coupon, now),
    usedAt: coupon.usedAt?.toISOString() ?? null,
    usedStoreName: coupon.usedStoreId === null ? null : (names.get(coupon.usedStoreId) ?? null),
    discount: coupon.discount,
  }));
}

async function couponsWhere(tx: Tx, memberId: number, where: SQL | undefined, order: SQL[], now: Date) {
  const rows = await tx
    .select({ coupon: coupons, template: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(and(eq(coupons.memberId, memberId), where))
    .orderBy(...order)
    .limit(LIST_LIMIT);
  return cardViews(tx, rows, now);
}

/** Issued and not past their last moment: usable now or later (not_yet), soonest to expire first. */
const stillGood = (now: Date) => and(eq(coupons.status, 'issued'), gte(coupons.validUntil, now));

/**
 * The member's coupons usable now, soonest to expire first: what the 優惠券 keyword's carousel and the reminders
 * show. Coupons not yet valid are left out.
 */
export async function usableCouponsOf(tx: Tx, memberId: number, now: Date): Promise<CouponCardView[]> {
  const good = await couponsWhere(
    tx,
    memberId,
    stillGood(now),
    [asc(coupons.validUntil), asc(coupons.id)],
    now,
  );
  return good.filter((coupon) => coupon.state === 'usable');
}

/** The wallet: usable (and not yet valid), used newest first, expired and void newest first; at most 50 each. */
export async function walletOf(tx: Tx, memberId: number, now: Date): Promise<Wallet> {
  const usable = await couponsWhere(
    tx,
    memberId,
    stillGood(now),
    [asc(coupons.validUntil), asc(coupons.id)],
    now,
  );
  const used = await couponsWhere(
    tx,
    memberId,
    eq(coupons.status, 'used'),
    [desc(coupons.usedAt), desc(coupons.id)],
    now,
  );
  const gone = or(
    inArray(coupons.status, ['expired', 'void']),
    and(eq(coupons.status, 'issued'), lt(coupons.validUntil, now)),
  );
  const expired = await couponsWhere(tx, memberId, gone, [desc(coupons.validUntil), desc(coupons.id)], now);
  return { usable, used, expired };
}

/** One of the member's coupons; COUPON_NOT_FOUND when there is none of that id or it is another member's. */
export async function memberCoupon(
  tx: Tx,
  memberId: number,
  couponId: number,
  now: Date,
): Promise<CouponCardView> {
  const [view] = await couponsWhere(tx, memberId, eq(coupons.id, couponId), [asc(coupons.id)], now);
  if (!view) throw new DomainError('COUPON_NOT_FOUND', '找不到這張優惠券');
  return view;
}

/** Why this member cannot have one more of the template now, or null: the same checks an issue makes. */
function refusalOf(template: CouponTemplate, held: number, drawn: boolean, now: Date): OfferRefusal | null {
  if (!template.active || validityOf(template, now).validUntil <= now) return 'COUPON_NOT_AVAILABLE';
  if (template.lotteryWinPercent !== null && template.claimable && drawn) return 'LOTTERY_ALREADY_DRAWN';
  if (template.totalCap !== null && template.issuedCount >= template.totalCap) return 'COUPONS_ALL_ISSUED';
  const cap = template.claimable ? claimCapOf(template) : template.perMemberCap;
  if (cap !== null && held >= cap) return 'COUPON_MEMBER_LIMIT';
  return null;
}

/** The offers of these templates to one member, with what they hold of each and the draws they made. */
export async function offersOf(
  tx: Tx,
  memberId: number,
  templates: CouponTemplate[],
  now: Date,
): Promise<CouponOfferView[]> {
  if (templates.length === 0) return [];
  const ids = templates.map((template) => template.id);
  const heldRows = await tx
    .select({ templateId: coupons.templateId, n: count() })
    .from(coupons)
    .where(and(eq(coupons.memberId, memberId), inArray(coupons.templateId, ids), ne(coupons.status, 'void')))
    .groupBy(coupons.templateId);
  const held = new Map(heldRows.map((row) => [row.templateId, Number(row.n)]));
  const drawRows = await tx
    .select({ templateId: couponDraws.templateId })
    .from(couponDraws)
    .where(and(eq(couponDraws.memberId, memberId), inArray(couponDraws.templateId, ids)));
  const drawn = new Set(drawRows.map((row) => row.templateId));
  const names = await storeNames(
    tx,
    templates.flatMap((template) => template.storeIds ?? []),
  );
  return templates.map((template) => {
    const reason = refusalOf(template, held.get(template.id) ?? 0, drawn.has(template.id), now);
    return {
      templateId: template.id,
      ...meaningOf(template, names),
      validFrom: template.validFrom?.toISOString() ?? null,
      validUntil: template.validUntil?.toISOString() ?? null,
      validDays: template.validDays,
      lotteryWinPercent: template.lotteryWinPercent,
      pointsPrice: template.pointsPrice,
      canClaim: reason === null,
      reason,
    };
  });
}

/**
 * The active claimable templates (claim links, lotteries) this member can still claim, newest first: what a
 * campaign message or the wallet offers beside the coupons already held.
 */
export async function claimableOffersFor(tx: Tx, memberId: number, now: Date): Promise<CouponOfferView[]> {
  const templates = await tx
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.active, true), eq(couponTemplates.claimable, true)))
    .orderBy(desc(couponTemplates.createdAt), desc(couponTemplates.id));
  const offers = await offersOf(tx, memberId, templates, now);
  return offers.filter((offer) => offer.canClaim);
}

/**
 * One template as offered to this member (a claim link's page, a reward's page), following a retired template to
 * its newest copy; COUPON_TEMPLATE_NOT_FOUND when there is none, or it is neither claimable nor in the catalogue.
 */
export async function offerFor(
  tx: Tx,
  memberId: number,
  templateId: number,
  now: Date,
): Promise<CouponOfferView> {
  const [template] = await tx
    .select()
    .from(couponTemplates)
    .where(eq(couponTemplates.id, await currentCopyOf(tx, templateId)));
  if (!template || (!template.claimable && template.pointsPrice === null))
    throw new DomainError('COUPON_TEMPLATE_NOT_FOUND', '找不到這張優惠券');
  const [offer] = await offersOf(tx, memberId, [template], now);
  return offer!;
}

/** The rewards catalogue: active templates with a points price, cheapest first. */
export async function rewardsFor(tx: Tx, memberId: number, now: Date): Promise<CouponOfferView[]> {
  const templates = await tx
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.active, true), isNotNull(couponTemplates.pointsPrice)))
    .orderBy(asc(couponTemplates.pointsPrice), asc(couponTemplates.id));
  return offersOf(tx, memberId, templates, now);
}
