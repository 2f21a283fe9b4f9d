import type { CouponTemplate } from '../api/coupon-templates.ts';

type Kind = CouponTemplate['kind'];
type Channel = CouponTemplate['channels'][number];
export type AutoIssue = '' | 'join' | 'tier' | 'birthday';

/** A template as its form holds it: numbers as typed (empty for none), dates as Taipei days. */
export interface Draft {
  kind: Kind;
  amountOff: string;
  percentOff: string;
  maxDiscount: string;
  giftName: string;
  giftNameEn: string;
  minSpend: string;
  validity: 'window' | 'days';
  validFrom: string;
  validUntil: string;
  validDays: string;
  totalCap: string;
  perMemberCap: string;
  discountBudget: string;
  /** null: every store. */
  storeIds: number[] | null;
  channels: Channel[];
  title: string;
  titleEn: string;
  terms: string;
  termsEn: string;
  imageUrl: string;
  stackable: boolean;
  active: boolean;
  claimable: boolean;
  lottery: boolean;
  lotteryWinPercent: string;
  pointsPrice: string;
  autoIssue: AutoIssue;
  autoIssueTier: string;
}

const DAY = 86_400_000;
const TAIPEI = 8 * 3_600_000;

/** The Taipei day of a moment; `last`: the moment is a last one (23:59:59.999 or the next day's 00:00). */
export const taipeiDay = (iso: string | null, last = false) =>
  iso ? new Date(Date.parse(iso) + TAIPEI - (last ? 1 : 0)).toISOString().slice(0, 10) : '';
const startOf = (day: string) => (day ? new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString() : null);
/** The last moment of a Taipei day, as a coupon's own validity ends (bot/domain/coupons.ts validityOf). */
const endOf = (day: string) =>
  day ? new Date(Date.parse(`${day}T00:00:00+08:00`) + DAY - 1).toISOString() : null;

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const number = (s: string) => (s.trim() === '' ? null : Number(s));

/** The form's start: a new template's usual choices, or the template as it is. */
export function draftOf(t: CouponTemplate | null): Draft {
  return {
    kind: t?.kind ?? 'amount_off',
    amountOff: text(t?.amountOff),
    percentOff: text(t?.percentOff),
    maxDiscount: text(t?.maxDiscount),
    giftName: t?.giftName ?? '',
    giftNameEn: t?.giftNameEn ?? '',
    minSpend: text(t?.minSpend ?? 0),
    validity: t && t.validDays === null ? 'window' : 'days',
    validFrom: taipeiDay(t?.validFrom ?? null),
    validUntil: taipeiDay(t?.validUntil ?? null, true),
    validDays: t ? text(t.validDays) : '30',
    totalCap: text(t?.totalCap),
    perMemberCap: t ? text(t.perMemberCap) : '1',
    discountBudget: text(t?.discountBudget),
    storeIds: t?.storeIds ?? null,
    channels: t?.channels ?? ['store'],
    title: t?.title ?? '',
    titleEn: t?.titleEn ?? '',
    terms: t?.terms ?? '',
    termsEn: t?.termsEn ?? '',
    imageUrl: t?.imageUrl ?? '',
    stackable: t?.stackable ?? false,
    active: t?.active ?? true,
    claimable: t?.claimable ?? false,
    lottery: (t?.lotteryWinPercent ?? null) !== null,
    lotteryWinPercent: text(t?.lotteryWinPercent),
    pointsPrice: text(t?.pointsPrice),
    autoIssue: t?.autoIssue ?? '',
    autoIssueTier: t?.autoIssueTier ?? '',
  };
}

/**
 * The request body of a draft: every field, a kind's unused values and an unchosen way in as null. No check of
 * its own (ADR 25): what is wrong, the server says field by field.
 */
export function bodyOf(d: Draft): Record<string, unknown> {
  const window = d.validity === 'window';
  return {
    kind: d.kind,
    amountOff: d.kind === 'amount_off' ? number(d.amountOff) : null,
    percentOff: d.kind === 'percent_off' ? number(d.percentOff) : null,
    maxDiscount: d.kind === 'percent_off' ? number(d.maxDiscount) : null,
    giftName: d.kind === 'gift' ? d.giftName : null,
    giftNameEn: d.kind === 'gift' ? d.giftNameEn : null,
    minSpend: number(d.minSpend) ?? 0,
    validFrom: window ? startOf(d.validFrom) : null,
    validUntil: window ? endOf(d.validUntil) : null,
    validDays: window ? null : number(d.validDays),
    totalCap: number(d.totalCap),
    perMemberCap: number(d.perMemberCap),
    discountBudget: number(d.discountBudget),
    storeIds: d.storeIds,
    channels: d.channels,
    title: d.title,
    titleEn: d.titleEn,
    terms: d.terms,
    termsEn: d.termsEn,
    imageUrl: d.imageUrl.trim() || null,
    stackable: d.stackable,
    active: d.active,
    claimable: d.claimable,
    lotteryWinPercent: d.claimable && d.lottery ? number(d.lotteryWinPercent) : null,
    pointsPrice: number(d.pointsPrice),
    autoIssue: d.autoIssue || null,
    autoIssueTier: d.autoIssue === 'tier' ? d.autoIssueTier || null : null,
  };
}

/**
 * What an edit changed, and only that: a field sent unchanged could still differ from the stored value in form
 * (a window's end at midnight against 23:59:59.999) and make a needless copy of a template that has issued.
 */
export function changesOf(before: Draft, after: Draft): Record<string, unknown> {
  const was = bodyOf(before);
  return Object.fromEntries(
    Object.entries(bodyOf(after)).filter(
      ([key, value]) => JSON.stringify(was[key]) !== JSON.stringify(value),
    ),
  );
}
