import { randomInt } from 'node:crypto';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { coupons, couponTemplates, members } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { type CouponTemplate, requireTemplate } from './coupon-templates.ts';
import { DomainError } from './errors.ts';
import { ensureCan } from './permissions.ts';
import { TAIPEI_MS, taipeiDate } from './taipei-time.ts';

export type Coupon = typeof coupons.$inferSelect;
export type IssueHow = Coupon['how'];

/** No 0/O or 1/I/L, so that a code read aloud or typed at the counter cannot be mistaken. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** From when until when a coupon issued `at` is good: the template's window, or N Taipei days from today. */
export function validityOf(template: CouponTemplate, at: Date): { validFrom: Date; validUntil: Date } {
  if (template.validDays === null)
    return { validFrom: template.validFrom!, validUntil: template.validUntil! };
  // Good through the end of the Nth Taipei day after the day of issue.
  const endDay = Date.parse(`${taipeiDate(at)}T00:00:00Z`) + (template.validDays + 1) * 86_400_000;
  return { validFrom: at, validUntil: new Date(endDay - TAIPEI_MS - 1) };
}

export interface IssueRequest {
  templateId: number;
  memberId: number;
  how: IssueHow;
  idempotencyKey: string;
  at: Date;
  /** Points paid for it in the rewards catalogue. */
  pointsSpent?: number;
}

async function byKey(tx: Tx, request: IssueRequest): Promise<Coupon | undefined> {
  const [first] = await tx.select().from(coupons).where(eq(coupons.idempotencyKey, request.idempotencyKey));
  if (first && (first.templateId !== request.templateId || first.memberId !== request.memberId))
    throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一張優惠券');
  return first;
}

async function requireMember(tx: Tx, memberId: number) {
  const [member] = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.status, 'active')));
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', '找不到這位會員');
}

/**
 * Issues one coupon of a template to a member, inside the caller's transaction: claims, the lottery, the rewards
 * catalogue and auto-issue call it beside their own writes. The template's row is locked first (after the
 * member's, if the caller holds it), so the total cap and the member's cap are counted one issue after the other
 * on both engines; the same idempotency key answers the first coupon and issues nothing more. Audited when a
 * staff member gives it.
 */
export async function issueIn(
  tx: Tx,
  request: IssueRequest,
  actor: Actor,
): Promise<{ coupon: Coupon; replayed: boolean }> {
  // A clerk or a store manager gives one at the store their session works at; admins anywhere.
  if (request.how === 'staff') ensureCan(actor, 'coupon.give', { storeId: actor.storeId });
  const first = await byKey(tx, request);
  if (first) return { coupon: first, replayed: true };
  await lockRows(tx, couponTemplates, eq(couponTemplates.id, request.templateId));
  const template = await requireTemplate(tx, request.templateId);
  // Replays wait behind the lock too: one that raced the first answers its coupon.
  const raced = await byKey(tx, request);
  if (raced) return { coupon: raced, replayed: true };
  await requireMember(tx, request.memberId);
  const { validFrom, validUntil } = validityOf(template, request.at);
  if (!template.active || validUntil <= request.at)
    throw new DomainError('COUPON_NOT_AVAILABLE', '這張優惠券目前無法領取');
  if (template.totalCap !== null && template.issuedCount >= template.totalCap)
    throw new DomainError('COUPONS_ALL_ISSUED', '這張優惠券已全數發完');
  if (
    template.perMemberCap !== null &&
    (await heldBy(tx, template.id, request.memberId)) >= template.perMemberCap
  )
    throw new DomainError('COUPON_MEMBER_LIMIT', '這位會員已領滿這張優惠券的張數');
  await tx
    .update(couponTemplates)
    .set({ issuedCount: sql`${couponTemplates.issuedCount} + 1` })
    .where(eq(couponTemplates.id, template.id));
  const [coupon] = await tx
    .insert(coupons)
    .values({
      templateId: template.id,
      memberId: request.memberId,
      code: newCode(),
      status: 'issued',
      how: request.how,
      staffId: request.how === 'staff' ? actor.staffId : null,
      idempotencyKey: request.idempotencyKey,
      issuedAt: request.at,
      validFrom,
      validUntil,
      pointsSpent: request.pointsSpent ?? null,
    })
    .returning();
  if (request.how === 'staff')
    await auditAs(tx, actor, request.at, {
      action: 'coupon.give',
      subjectType: 'member',
      subjectId: request.memberId,
      after: { templateId: template.id, couponId: coupon!.id },
    });
  return { coupon: coupon!, replayed: false };
}

/** The member's coupons of a template that count against its per-member cap: all but the void ones. */
export async function heldBy(tx: Tx, templateId: number, memberId: number): Promise<number> {
  const [held] = await tx
    .select({ n: count() })
    .from(coupons)
    .where(
      and(eq(coupons.templateId, templateId), eq(coupons.memberId, memberId), ne(coupons.status, 'void')),
    );
  return Number(held!.n);
}

/** `issueIn` as a transaction of its own: a staff member's give at the counter or in the console. */
export async function issueCoupon(
  engine: Engine,
  request: IssueRequest,
  actor: Actor,
): Promise<{ coupon: Coupon; replayed: boolean }> {
  if (request.how === 'staff') ensureCan(actor, 'coupon.give', { storeId: actor.storeId });
  return engine.write((tx) => issueIn(tx, request, actor));
}
