/**
 * A member claims a coupon from a claim link or a Flex button, or draws a lottery (LINE OA's lottery coupon, with
 * caps that hold). The draw and the issue happen under the template's row lock, so the caps are counted one claim
 * after the other and a member draws each lottery once (`coupon_draws` is unique per template and member too).
 */
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { couponDraws, coupons, couponTemplates } from '../../db/schema.ts';
import { commandLine } from './actor.ts';
import { type CouponTemplate, requireTemplate } from './coupon-templates.ts';
import { type Coupon, heldBy, issueIn, validityOf } from './coupons.ts';
import { DomainError } from './errors.ts';

export interface ClaimRequest {
  templateId: number;
  memberId: number;
  /** The page's key for this tap: a retry answers the first outcome. */
  idempotencyKey: string;
  at: Date;
}

export type ClaimOutcome =
  | { outcome: 'issued'; coupon: Coupon; replayed: boolean }
  | { outcome: 'lost'; coupon: null; replayed: boolean };

/** A member's keys are their own: the same key from two members, or from a staff give, never meet. */
export const claimKeyOf = (memberId: number, key: string) => `claim:${memberId}:${key}`;

/** The newest copy of a template (ADR 26: an edit of meaning retires it): a claim link outlives the edit. */
export async function currentCopyOf(tx: Tx, templateId: number): Promise<number> {
  let id = templateId;
  for (let hops = 0; hops < 50; hops++) {
    const [copy] = await tx
      .select({ id: couponTemplates.id })
      .from(couponTemplates)
      .where(eq(couponTemplates.previousId, id));
    if (!copy) break;
    id = copy.id;
  }
  return id;
}

async function drawOf(tx: Tx, templateId: number, memberId: number) {
  const [draw] = await tx
    .select()
    .from(couponDraws)
    .where(and(eq(couponDraws.templateId, templateId), eq(couponDraws.memberId, memberId)));
  return draw;
}

/** Only claimable templates are offered by a link: any other answers as if there were none. */
function ensureClaimable(template: CouponTemplate, at: Date) {
  if (!template.claimable) throw new DomainError('COUPON_TEMPLATE_NOT_FOUND', '找不到這張優惠券');
  if (!template.active || validityOf(template, at).validUntil <= at)
    throw new DomainError('COUPON_NOT_AVAILABLE', '這張優惠券目前無法領取');
}

/**
 * How many of a template a member may hold through claim links: its per-member cap, else one. A link is tapped
 * again, by accident or on purpose; a marketer who means more than one sets the cap.
 */
export const claimCapOf = (template: Pick<CouponTemplate, 'perMemberCap'>) => template.perMemberCap ?? 1;

async function ensureUnderClaimCap(tx: Tx, template: CouponTemplate, memberId: number) {
  if ((await heldBy(tx, template.id, memberId)) >= claimCapOf(template))
    throw new DomainError('COUPON_MEMBER_LIMIT', '您已領滿這張優惠券的張數');
}

/**
 * The lottery's one draw: won with `lotteryWinPercent` percent (crypto's randomInt), recorded either way. A win
 * when every coupon is issued is recorded as a loss, so the total cap holds; a member at their own cap does not
 * draw at all. After a draw, a lost one answers `lost` again (the draw does not keep the key that made it), a
 * won one answers its coupon to the same key and LOTTERY_ALREADY_DRAWN to any other.
 */
async function draw(
  tx: Tx,
  template: CouponTemplate,
  request: ClaimRequest,
  key: string,
): Promise<ClaimOutcome> {
  const before = await drawOf(tx, template.id, request.memberId);
  if (before && !before.won) return { outcome: 'lost', coupon: null, replayed: true };
  if (before) throw new DomainError('LOTTERY_ALREADY_DRAWN', '您已經抽過這張優惠券');
  ensureClaimable(template, request.at);
  await ensureUnderClaimCap(tx, template, request.memberId);
  const allIssued = template.totalCap !== null && template.issuedCount >= template.totalCap;
  const won = randomInt(100) < template.lotteryWinPercent! && !allIssued;
  const coupon = won
    ? (
        await issueIn(
          tx,
          {
            templateId: template.id,
            memberId: request.memberId,
            how: 'lottery',
            idempotencyKey: key,
            at: request.at,
          },
          commandLine,
        )
      ).coupon
    : null;
  await tx.insert(couponDraws).values({
    templateId: template.id,
    memberId: request.memberId,
    won,
    couponId: coupon?.id ?? null,
    drawnAt: request.at,
  });
  return coupon
    ? { outcome: 'issued', coupon, replayed: false }
    : { outcome: 'lost', coupon: null, replayed: false };
}

/**
 * A member claims one coupon of a claimable template: issued under its caps, or, for a lottery, drawn once. A
 * retry with the same key answers the first outcome and changes nothing.
 */
export async function claimCoupon(engine: Engine, request: ClaimRequest): Promise<ClaimOutcome> {
  const key = claimKeyOf(request.memberId, request.idempotencyKey);
  return engine.write(async (tx) => {
    const replay = async () => {
      const [first] = await tx.select().from(coupons).where(eq(coupons.idempotencyKey, key));
      if (!first) return undefined;
      // A retry of a claim whose link led to a newer copy of the template answers that copy's coupon.
      const sameOffer =
        first.templateId === request.templateId ||
        first.templateId === (await currentCopyOf(tx, request.templateId));
      if (!sameOffer) throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一張優惠券');
      return { outcome: 'issued', coupon: first, replayed: true } as const;
    };
    const first = await replay();
    if (first) return first;
    await requireTemplate(tx, request.templateId);
    const templateId = await currentCopyOf(tx, request.templateId);
    await lockRows(tx, couponTemplates, eq(couponTemplates.id, templateId));
    const raced = await replay();
    if (raced) return raced;
    const template = await requireTemplate(tx, templateId);
    if (template.lotteryWinPercent !== null && template.claimable) return draw(tx, template, request, key);
    ensureClaimable(template, request.at);
    await ensureUnderClaimCap(tx, template, request.memberId);
    const issued = await issueIn(
      tx,
      { templateId, memberId: request.memberId, how: 'claim', idempotencyKey: key, at: request.at },
      commandLine,
    );
    return { outcome: 'issued', ...issued };
  });
}
