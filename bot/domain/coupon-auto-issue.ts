/**
 * Coupons given without anyone asking: on joining, on reaching a tier, in the birthday month (a template's
 * `autoIssue`). Each is issued under the template's caps with a key that names the occasion, so it is given once
 * per occasion however often the step runs, and the member is told by a `coupon_given` notice. A template at its
 * cap, inactive or past its window is passed over silently: a join or a purchase never fails for a coupon.
 */
import { and, asc, eq, gt, gte, inArray, notExists, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { type AutoIssue, coupons, couponTemplates, members } from '../../db/schema.ts';
import { commandLine } from './actor.ts';
import type { CouponTemplate } from './coupon-templates.ts';
import { issueIn } from './coupons.ts';
import { DomainError } from './errors.ts';
import { queueNotice } from './notices.ts';
import { TAIPEI_MS, taipeiDate } from './taipei-time.ts';

/** Refusals that mean "not this time" for a coupon nobody asked for. */
const PASSED_OVER = new Set(['COUPON_NOT_AVAILABLE', 'COUPONS_ALL_ISSUED', 'COUPON_MEMBER_LIMIT']);

async function autoTemplates(tx: Tx, reason: AutoIssue, tierCodes?: string[]): Promise<CouponTemplate[]> {
  if (tierCodes?.length === 0) return [];
  return tx
    .select()
    .from(couponTemplates)
    .where(
      and(
        eq(couponTemplates.active, true),
        eq(couponTemplates.autoIssue, reason),
        tierCodes ? inArray(couponTemplates.autoIssueTier, tierCodes) : undefined,
      ),
    )
    .orderBy(asc(couponTemplates.id));
}

/**
 * Gives the member one coupon of the template for this occasion and queues its notice; false when passed over
 * or already given. The caller holds the member's row; the template's is locked here, after it.
 */
async function giveOne(
  tx: Tx,
  template: CouponTemplate,
  memberId: number,
  reason: AutoIssue,
  key: string,
  at: Date,
): Promise<boolean | 'stop'> {
  try {
    const { coupon, replayed } = await issueIn(
      tx,
      { templateId: template.id, memberId, how: reason, idempotencyKey: key, at },
      commandLine,
    );
    if (replayed) return false;
    await queueNotice(tx, {
      memberId,
      kind: 'coupon_given',
      purpose: `coupon:${coupon.id}`,
      data: {
        couponId: coupon.id,
        title: template.title,
        titleEn: template.titleEn,
        reason,
        validUntil: coupon.validUntil.toISOString(),
      },
      at,
    });
    return true;
  } catch (error) {
    if (!(error instanceof DomainError) || !PASSED_OVER.has(error.code)) throw error;
    return error.code === 'COUPON_MEMBER_LIMIT' ? false : 'stop';
  }
}

/** On joining (and on claiming an in-store membership in LINE): the welcome coupons, once per member. */
export async function issueOnJoin(tx: Tx, memberId: number, at: Date): Promise<number> {
  let given = 0;
  for (const template of await autoTemplates(tx, 'join'))
    if ((await giveOne(tx, template, memberId, 'join', `join:${template.id}:${memberId}`, at)) === true)
      given++;
  return given;
}

const taipeiYear = (at: Date) => taipeiDate(at).slice(0, 4);

/**
 * On reaching higher tiers (`tierCodes`: every tier passed on the way up, so a jump from 一般 to 金卡 also gives
 * 銀卡's coupon): once per member, template and Taipei year, so a member who drops at a review and climbs back the
 * next year is welcomed again.
 */
export async function issueOnTier(tx: Tx, memberId: number, tierCodes: string[], at: Date): Promise<number> {
  let given = 0;
  for (const template of await autoTemplates(tx, 'tier', tierCodes)) {
    const key = `tier:${template.id}:${memberId}:${taipeiYear(at)}`;
    if ((await giveOne(tx, template, memberId, 'tier', key, at)) === true) given++;
  }
  return given;
}

const BATCH = 100;

/** Members born in this Taipei month who have not had this template's birthday coupon this Taipei year. */
async function birthdayMembersDue(tx: Tx, template: CouponTemplate, after: number, now: Date) {
  const day = taipeiDate(now);
  const yearStart = new Date(Date.parse(`${day.slice(0, 4)}-01-01T00:00:00Z`) - TAIPEI_MS);
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.status, 'active'),
        gt(members.id, after),
        sql`substr(${members.birthday}, 6, 2) = ${day.slice(5, 7)}`,
        notExists(
          tx
            .select({ one: sql`1` })
            .from(coupons)
            .where(
              and(
                eq(coupons.templateId, template.id),
                eq(coupons.memberId, members.id),
                eq(coupons.how, 'birthday'),
                gte(coupons.issuedAt, yearStart),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(members.id))
    .limit(BATCH);
  return rows.map((row) => row.id);
}

/**
 * The birthday month's coupons (run by the daily job): every active member born in the current Taipei month gets
 * each active birthday template's coupon once that year (key `birthday:{template}:{member}:{yyyy}`). Members go
 * in batches of 100, each one transaction that locks their rows before the template's; a run stopped half-way is
 * resumed by the next, which finds only the members still without one. Returns the coupons given.
 */
export async function issueBirthdayCoupons(engine: Engine, now: Date): Promise<number> {
  let given = 0;
  const templates = await engine.read((tx) => autoTemplates(tx, 'birthday'));
  for (const template of templates) {
    let after = 0;
    for (;;) {
      const due = await engine.read((tx) => birthdayMembersDue(tx, template, after, now));
      if (due.length === 0) break;
      after = due.at(-1)!;
      const batch = await engine.write(async (tx) => {
        await lockRows(tx, members, inArray(members.id, due));
        let n = 0;
        for (const memberId of due) {
          const key = `birthday:${template.id}:${memberId}:${taipeiYear(now)}`;
          const outcome = await giveOne(tx, template, memberId, 'birthday', key, now);
          if (outcome === 'stop') return { n, stop: true };
          if (outcome) n++;
        }
        return { n, stop: false };
      });
      given += batch.n;
      if (batch.stop) break;
    }
  }
  return given;
}
