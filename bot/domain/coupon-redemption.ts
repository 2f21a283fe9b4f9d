import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { type CouponChannel, coupons, couponTemplates } from '../../db/schema.ts';
import type { CouponTemplate } from './coupon-templates.ts';
import type { Coupon } from './coupons.ts';
import { DomainError, InvalidFields, type RefusalCode } from './errors.ts';

/** The most codes one purchase may carry: a stack of five is already more than any shop means to allow. */
export const MAX_COUPONS = 5;

/** Codes as printed (upper case, no spaces): a code typed in lower case or with spaces is the same code. */
export const normalCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/**
 * The codes of a purchase, cleaned, or the field's problem: at most five, each a plausible code, none twice (one
 * coupon used twice in one purchase would take its discount twice).
 */
export function checkedCodes(codes: readonly string[]): string[] {
  const clean = codes.map(normalCode);
  const plausible = clean.every((code) => /^[A-Z0-9]{4,20}$/.test(code));
  if (clean.length > MAX_COUPONS || !plausible)
    throw new InvalidFields({ couponCodes: 'COUPON_CODES_INVALID' });
  if (new Set(clean).size !== clean.length) throw new InvalidFields({ couponCodes: 'COUPON_CODES_TWICE' });
  return clean;
}

/**
 * NT$ a coupon takes off a price: a fixed amount (never more than the price), a percentage rounded down and capped
 * by its most, or nothing for a gift (the gift is handed over). Applied to the price before points (ADR 27).
 */
export function discountOf(template: CouponTemplate, price: number): number {
  if (template.kind === 'amount_off') return Math.min(template.amountOff ?? 0, price);
  if (template.kind === 'percent_off') {
    const off = Math.floor((price * (template.percentOff ?? 0)) / 100);
    return Math.min(off, template.maxDiscount ?? off);
  }
  return 0;
}

/** Where and for what a coupon is asked to be used. */
export interface UseContext {
  /** The member at the counter, when known (a POS may validate a code alone). */
  memberId: number | null;
  /** NT$ before any coupon or points: what the minimum spend is measured against. */
  price: number;
  /** NT$ left to take the discount from, after the coupons before this one in the same purchase. */
  remaining: number;
  storeId: number | null;
  channel: CouponChannel;
  at: Date;
  /** NT$ the other coupons of this purchase already take from this template's budget. */
  budgetTaken: number;
  /** True when the purchase carries more than one code. */
  stacked: boolean;
}

export interface CouponRefusal {
  code: RefusalCode;
  message: string;
}

const nt = (n: number) => `NT$${n.toLocaleString('en-US')}`;
const taipeiDay = (at: Date) =>
  new Intl.DateTimeFormat('zh-TW', { timeZone: 'Asia/Taipei', dateStyle: 'medium' }).format(at);

/**
 * Exactly why a coupon cannot be used here and now, in zh-TW, or null when it can: the first of not found,
 * another member's, void, used, expired, not yet valid, wrong store, wrong channel, minimum spend, over the
 * template's budget, not stackable. The order puts what no clerk can change before what another basket would.
 */
export function couponProblem(
  found: { coupon: Coupon; template: CouponTemplate } | undefined,
  use: UseContext,
): CouponRefusal | null {
  if (!found) return { code: 'COUPON_NOT_FOUND', message: '找不到這個優惠券代碼' };
  const { coupon, template } = found;
  if (use.memberId !== null && coupon.memberId !== use.memberId)
    return { code: 'COUPON_OTHER_MEMBER', message: '這張優惠券不屬於這位會員' };
  if (coupon.status === 'void') return { code: 'COUPON_VOID', message: '這張優惠券已作廢' };
  if (coupon.status === 'used') return { code: 'COUPON_USED', message: '這張優惠券已使用過' };
  if (coupon.status === 'expired' || coupon.validUntil < use.at)
    return { code: 'COUPON_EXPIRED', message: `這張優惠券已於 ${taipeiDay(coupon.validUntil)} 到期` };
  if (coupon.validFrom > use.at)
    return { code: 'COUPON_NOT_YET_VALID', message: `這張優惠券 ${taipeiDay(coupon.validFrom)} 起才能使用` };
  if (template.storeIds !== null && (use.storeId === null || !template.storeIds.includes(use.storeId)))
    return { code: 'COUPON_WRONG_STORE', message: '這張優惠券不適用於這家門市' };
  if (!template.channels.includes(use.channel))
    return { code: 'COUPON_WRONG_CHANNEL', message: channelMessage(use.channel) };
  if (use.price < template.minSpend)
    return {
      code: 'COUPON_MIN_SPEND',
      message: `未達最低消費 ${nt(template.minSpend)}，本次消費 ${nt(use.price)}`,
    };
  const discount = discountOf(template, use.remaining);
  if (
    template.discountBudget !== null &&
    template.discountGiven + use.budgetTaken + discount > template.discountBudget
  )
    return { code: 'COUPON_OVER_BUDGET', message: '這張優惠券的活動預算已用完' };
  if (use.stacked && !template.stackable)
    return { code: 'COUPON_NOT_STACKABLE', message: '這張優惠券不能與其他優惠券同時使用' };
  return null;
}

const channelMessage = (channel: CouponChannel) =>
  channel === 'store'
    ? '這張優惠券不適用於門市消費'
    : channel === 'online'
      ? '這張優惠券不適用於網路消費'
      : '這張優惠券不適用於這個通路';

/** Coupons by code with their templates; codes not found are absent. */
async function couponsByCode(tx: Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return tx
    .select({ coupon: coupons, template: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(inArray(coupons.code, codes));
}

/** One coupon a purchase takes, and the NT$ it takes off. */
export interface CouponTaken {
  coupon: Coupon;
  template: CouponTemplate;
  discount: number;
}

/**
 * Checks the coupons of a purchase in the order given and says what each takes off, each on what the ones
 * before it left of the price. Throws the first coupon's refusal. Under the template locks when redeeming
 * (`holdCoupons`), a plain read when only validating.
 */
export async function couponsFor(
  tx: Tx,
  codes: string[],
  use: Omit<UseContext, 'remaining' | 'budgetTaken' | 'stacked'>,
) {
  const rows = await couponsByCode(tx, codes);
  const taken: CouponTaken[] = [];
  let remaining = use.price;
  for (const code of codes) {
    const found = rows.find((row) => row.coupon.code === code);
    const budgetTaken = taken
      .filter((t) => found && t.template.id === found.template.id)
      .reduce((sum, t) => sum + t.discount, 0);
    const problem = couponProblem(found, { ...use, remaining, budgetTaken, stacked: codes.length > 1 });
    if (problem) throw new DomainError(problem.code, problem.message, { couponCode: code });
    const discount = discountOf(found!.template, remaining);
    taken.push({ coupon: found!.coupon, template: found!.template, discount });
    remaining -= discount;
  }
  return taken;
}

/**
 * The coupons a purchase will use, checked again under their templates' row locks (after the member's row, in
 * ascending template id: the house's lock order), so that the discount budget is counted one redemption after
 * the other on both engines. What it returns is then marked used by `markCouponsUsed` once the purchase has its id.
 */
export async function holdCoupons(
  tx: Tx,
  codes: string[],
  use: Omit<UseContext, 'remaining' | 'budgetTaken' | 'stacked'>,
) {
  if (codes.length === 0) return [];
  const first = await couponsByCode(tx, codes);
  const templateIds = [...new Set(first.map((row) => row.template.id))].sort((a, b) => a - b);
  for (const id of templateIds) await lockRows(tx, couponTemplates, eq(couponTemplates.id, id));
  return couponsFor(tx, codes, use);
}

/**
 * Marks the held coupons used by the purchase and adds their discount to their templates' discount given. A
 * coupon changed by anyone since it was held (an expiry job, a void by staff) is refused as used, never used twice.
 */
export async function markCouponsUsed(
  tx: Tx,
  taken: CouponTaken[],
  purchase: { id: number; storeId: number | null; occurredAt: Date },
): Promise<void> {
  for (const { coupon, template, discount } of taken) {
    const changed = await tx
      .update(coupons)
      .set({
        status: 'used',
        usedAt: purchase.occurredAt,
        purchaseId: purchase.id,
        usedStoreId: purchase.storeId,
        discount,
      })
      .where(and(eq(coupons.id, coupon.id), eq(coupons.status, 'issued')))
      .returning({ id: coupons.id });
    if (changed.length !== 1)
      throw new DomainError('COUPON_USED', '這張優惠券已使用過', { couponCode: coupon.code });
    if (discount > 0)
      await tx
        .update(couponTemplates)
        .set({ discountGiven: sql`${couponTemplates.discountGiven} + ${discount}` })
        .where(eq(couponTemplates.id, template.id));
  }
}

/** The coupons a purchase used, in the order of their ids. */
export async function couponsOfPurchase(tx: Tx, purchaseId: number) {
  return tx
    .select({ coupon: coupons, template: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(eq(coupons.purchaseId, purchaseId))
    .orderBy(asc(coupons.id));
}

/**
 * Gives back the coupons of a voided or fully refunded purchase: still within their validity they are usable
 * again, past it they are expired; either way they no longer name the purchase and their templates' discount
 * given goes down by what they took, since that discount was never kept (ADR 27). Locks the templates in
 * ascending id after the member's row, as a redemption does.
 */
export async function returnCoupons(tx: Tx, purchaseId: number, at: Date) {
  const used = await couponsOfPurchase(tx, purchaseId);
  const templateIds = [...new Set(used.map((row) => row.template.id))].sort((a, b) => a - b);
  for (const id of templateIds) await lockRows(tx, couponTemplates, eq(couponTemplates.id, id));
  const returned: { couponId: number; code: string; status: 'issued' | 'expired'; discount: number }[] = [];
  for (const { coupon } of used) {
    const status = coupon.validUntil >= at ? 'issued' : 'expired';
    await tx
      .update(coupons)
      .set({ status, usedAt: null, purchaseId: null, usedStoreId: null, discount: null })
      .where(eq(coupons.id, coupon.id));
    const discount = coupon.discount ?? 0;
    if (discount > 0)
      await tx
        .update(couponTemplates)
        .set({ discountGiven: sql`${couponTemplates.discountGiven} - ${discount}` })
        .where(eq(couponTemplates.id, coupon.templateId));
    returned.push({ couponId: coupon.id, code: coupon.code, status, discount });
  }
  return returned;
}

/** Why a member found without their card (or a manager's word) cannot use a coupon: its code is no secret. */
export const COUPON_NEEDS_CARD = '使用優惠券需要會員出示會員卡，或由店長核准';
