import { asc, eq, inArray } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import {
  type AutoIssue,
  type CouponChannel,
  type CouponKind,
  couponTemplates,
  stores,
  tiers,
} from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { ensureCan } from './permissions.ts';

export type CouponTemplate = typeof couponTemplates.$inferSelect;

/** What a marketer fills in; a template's caps and budget are null for none. */
export interface TemplateFields {
  kind: CouponKind;
  amountOff?: number | null;
  percentOff?: number | null;
  maxDiscount?: number | null;
  giftName?: string | null;
  giftNameEn?: string | null;
  minSpend: number;
  validFrom?: Date | null;
  validUntil?: Date | null;
  validDays?: number | null;
  totalCap?: number | null;
  perMemberCap?: number | null;
  discountBudget?: number | null;
  storeIds?: number[] | null;
  channels: CouponChannel[];
  title: string;
  titleEn: string;
  imageUrl?: string | null;
  terms: string;
  termsEn: string;
  stackable: boolean;
  active?: boolean;
  /** Ways in (none change what an issued coupon means): a claim link, a lottery, points, by itself. */
  claimable?: boolean;
  lotteryWinPercent?: number | null;
  pointsPrice?: number | null;
  autoIssue?: AutoIssue | null;
  autoIssueTier?: string | null;
}

/** What issued coupons mean: once a template has issued any, a change to these makes a copy (ADR 0026). */
const MEANING = [
  'kind',
  'amountOff',
  'percentOff',
  'maxDiscount',
  'giftName',
  'giftNameEn',
  'minSpend',
  'validFrom',
  'validUntil',
  'validDays',
  'storeIds',
  'channels',
  'terms',
  'termsEn',
  'stackable',
] as const;

const MAX_NT = 10_000_000;
const isWhole = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
const optionalWhole = (value: unknown, min: number, max: number) =>
  value === null || value === undefined || isWhole(value, min, max);
const textOk = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim().length > 0 && [...value.trim()].length <= max;

/** Every problem of a whole template, field by field, as the console shows them. */
export function templateProblems(t: TemplateFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!['amount_off', 'percent_off', 'gift'].includes(t.kind)) problems.kind = 'KIND_INVALID';
  if (t.kind === 'amount_off' && !isWhole(t.amountOff, 1, MAX_NT)) problems.amountOff = 'AMOUNT_INVALID';
  if (t.kind === 'percent_off') {
    if (!isWhole(t.percentOff, 1, 99)) problems.percentOff = 'PERCENT_INVALID';
    if (!isWhole(t.maxDiscount, 1, MAX_NT)) problems.maxDiscount = 'AMOUNT_INVALID';
  }
  if (t.kind === 'gift') {
    if (!textOk(t.giftName, 50)) problems.giftName = 'GIFT_NAME_INVALID';
    if (!textOk(t.giftNameEn, 50)) problems.giftNameEn = 'GIFT_NAME_INVALID';
  }
  if (!isWhole(t.minSpend, 0, MAX_NT)) problems.minSpend = 'AMOUNT_INVALID';
  const window = t.validFrom != null || t.validUntil != null;
  if (window === (t.validDays != null)) problems.validity = 'VALIDITY_ONE_OF';
  else if (window && !(t.validFrom && t.validUntil && t.validFrom < t.validUntil))
    problems.validUntil = 'WINDOW_INVALID';
  else if (!window && !isWhole(t.validDays, 1, 3650)) problems.validDays = 'DAYS_INVALID';
  if (!optionalWhole(t.totalCap, 1, MAX_NT)) problems.totalCap = 'CAP_INVALID';
  if (!optionalWhole(t.perMemberCap, 1, 1000)) problems.perMemberCap = 'CAP_INVALID';
  if (!optionalWhole(t.discountBudget, 1, 1_000_000_000)) problems.discountBudget = 'AMOUNT_INVALID';
  if (t.storeIds != null && (t.storeIds.length === 0 || !t.storeIds.every((id) => isWhole(id, 1, 2 ** 31))))
    problems.storeIds = 'STORES_INVALID';
  const channelsOk =
    Array.isArray(t.channels) &&
    t.channels.length > 0 &&
    new Set(t.channels).size === t.channels.length &&
    t.channels.every((c) => ['store', 'online', 'other'].includes(c));
  if (!channelsOk) problems.channels = 'CHANNELS_INVALID';
  if (!textOk(t.title, 40)) problems.title = 'TITLE_INVALID';
  if (!textOk(t.titleEn, 80)) problems.titleEn = 'TITLE_INVALID';
  if (t.imageUrl != null && !/^https:\/\/\S{1,500}$/.test(t.imageUrl))
    problems.imageUrl = 'IMAGE_URL_INVALID';
  if (!textOk(t.terms, 1000)) problems.terms = 'TERMS_INVALID';
  if (!textOk(t.termsEn, 2000)) problems.termsEn = 'TERMS_INVALID';
  if (typeof t.stackable !== 'boolean') problems.stackable = 'FLAG_INVALID';
  return { ...problems, ...wayInProblems(t) };
}

/**
 * The ways in: a lottery is a claim won by chance, so it needs `claimable`; a points price and a free claim
 * would offer one coupon two ways, one of them for nothing; a tier's coupon names its tier (checked to exist
 * with the database, in `tierExists`).
 */
function wayInProblems(t: TemplateFields): Record<string, string> {
  const problems: Record<string, string> = {};
  const claimable = t.claimable ?? false;
  if (typeof claimable !== 'boolean') problems.claimable = 'FLAG_INVALID';
  if (!optionalWhole(t.lotteryWinPercent, 1, 100)) problems.lotteryWinPercent = 'PERCENT_INVALID';
  else if (t.lotteryWinPercent != null && claimable !== true)
    problems.lotteryWinPercent = 'LOTTERY_NEEDS_CLAIMABLE';
  if (!optionalWhole(t.pointsPrice, 1, MAX_NT)) problems.pointsPrice = 'POINTS_PRICE_INVALID';
  else if (t.pointsPrice != null && claimable === true) problems.pointsPrice = 'POINTS_PRICE_WITH_CLAIM';
  if (t.autoIssue != null && !['join', 'tier', 'birthday'].includes(t.autoIssue))
    problems.autoIssue = 'AUTO_ISSUE_INVALID';
  else if (t.autoIssue === 'tier' && !textOk(t.autoIssueTier, 40)) problems.autoIssueTier = 'TIER_INVALID';
  return problems;
}

/** The row as the fields say, with the kind's unused values cleared. */
function rowOf(t: TemplateFields) {
  return {
    kind: t.kind,
    amountOff: t.kind === 'amount_off' ? (t.amountOff ?? null) : null,
    percentOff: t.kind === 'percent_off' ? (t.percentOff ?? null) : null,
    maxDiscount: t.kind === 'percent_off' ? (t.maxDiscount ?? null) : null,
    giftName: t.kind === 'gift' ? (t.giftName?.trim() ?? null) : null,
    giftNameEn: t.kind === 'gift' ? (t.giftNameEn?.trim() ?? null) : null,
    minSpend: t.minSpend,
    validFrom: t.validFrom ?? null,
    validUntil: t.validUntil ?? null,
    validDays: t.validDays ?? null,
    totalCap: t.totalCap ?? null,
    perMemberCap: t.perMemberCap ?? null,
    discountBudget: t.discountBudget ?? null,
    storeIds: t.storeIds ?? null,
    channels: t.channels,
    title: t.title.trim(),
    titleEn: t.titleEn.trim(),
    imageUrl: t.imageUrl ?? null,
    terms: t.terms.trim(),
    termsEn: t.termsEn.trim(),
    stackable: t.stackable,
    active: t.active ?? true,
    claimable: t.claimable ?? false,
    lotteryWinPercent: t.lotteryWinPercent ?? null,
    pointsPrice: t.pointsPrice ?? null,
    autoIssue: t.autoIssue ?? null,
    autoIssueTier: t.autoIssue === 'tier' ? (t.autoIssueTier ?? null) : null,
  };
}

function checked(t: TemplateFields) {
  const problems = templateProblems(t);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  return rowOf(t);
}

/** The stores a template names must exist (closed ones too: a store may reopen). */
async function storesExist(tx: Tx, storeIds: number[] | null) {
  if (storeIds === null) return;
  const found = await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, storeIds));
  if (found.length !== new Set(storeIds).size) throw new InvalidFields({ storeIds: 'STORES_INVALID' });
}

/** A tier's coupon names a tier that exists. */
async function tierExists(tx: Tx, code: string | null) {
  if (code === null) return;
  const [tier] = await tx.select({ code: tiers.code }).from(tiers).where(eq(tiers.code, code));
  if (!tier) throw new InvalidFields({ autoIssueTier: 'TIER_INVALID' });
}

async function insertTemplate(tx: Tx, row: ReturnType<typeof rowOf>, previousId: number | null, now: Date) {
  const [created] = await tx
    .insert(couponTemplates)
    .values({ ...row, issuedCount: 0, previousId, createdAt: now, updatedAt: now })
    .returning();
  return created!;
}

export async function createTemplate(engine: Engine, fields: TemplateFields, actor: Actor, now: Date) {
  ensureCan(actor, 'coupon_template.edit');
  const row = checked(fields);
  return engine.write(async (tx) => {
    await storesExist(tx, row.storeIds);
    await tierExists(tx, row.autoIssueTier);
    const template = await insertTemplate(tx, row, null, now);
    await auditAs(tx, actor, now, {
      action: 'coupon_template.create',
      subjectType: 'coupon_template',
      subjectId: template.id,
      after: row,
    });
    return template;
  });
}

export async function requireTemplate(tx: Tx, id: number): Promise<CouponTemplate> {
  const [template] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, id));
  if (!template) throw new DomainError('COUPON_TEMPLATE_NOT_FOUND', '找不到這個優惠券範本');
  return template;
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(a instanceof Date ? a.getTime() : a) === JSON.stringify(b instanceof Date ? b.getTime() : b);

/**
 * Changes a template. Caps, budget, title, image and active change in place; once coupons were issued, a change
 * of what they mean retires this template and answers a copy with the change (`previousId` is this one), so
 * issued coupons keep the meaning they were given.
 */
export async function updateTemplate(
  engine: Engine,
  id: number,
  changes: Partial<TemplateFields>,
  actor: Actor,
  now: Date,
): Promise<CouponTemplate> {
  ensureCan(actor, 'coupon_template.edit');
  return engine.write(async (tx) => {
    await lockRows(tx, couponTemplates, eq(couponTemplates.id, id));
    const before = await requireTemplate(tx, id);
    const row = checked({ ...(before as TemplateFields), ...changes });
    if (changes.storeIds !== undefined) await storesExist(tx, row.storeIds);
    if (changes.autoIssueTier !== undefined) await tierExists(tx, row.autoIssueTier);
    const meaningChanged = MEANING.some((key) => !same(before[key], row[key]));
    let template: CouponTemplate;
    if (meaningChanged && before.issuedCount > 0) {
      await tx
        .update(couponTemplates)
        .set({ active: false, updatedAt: now })
        .where(eq(couponTemplates.id, id));
      template = await insertTemplate(tx, row, id, now);
    } else {
      [template] = (await tx
        .update(couponTemplates)
        .set({ ...row, updatedAt: now })
        .where(eq(couponTemplates.id, id))
        .returning()) as [CouponTemplate];
    }
    await auditAs(tx, actor, now, {
      action: 'coupon_template.update',
      subjectType: 'coupon_template',
      subjectId: template.id,
      before: rowOf(before as TemplateFields),
      after: row,
    });
    return template;
  });
}

export async function listTemplates(engine: Engine, actor: Actor): Promise<CouponTemplate[]> {
  ensureCan(actor, 'coupon_template.read');
  return engine.read((tx) => tx.select().from(couponTemplates).orderBy(asc(couponTemplates.id)));
}
