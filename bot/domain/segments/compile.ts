// A checked rule tree as one drizzle condition over member_facts (and, when a condition asks about purchases, the
// purchases recorded since the facts were built): values go in as parameters, never as SQL text (ADR 0028).
import { and, eq, gte, inArray, isNotNull, lt, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { coupons, memberFacts as f, memberTags, purchases } from '../../../db/schema.ts';
import { TAIPEI_MS, taipeiDate } from '../taipei-time.ts';
import { type Condition, conditionsOf, type Rule, type Window } from './rules.ts';

const DAY = 86_400_000;
const PURCHASE_FIELDS = new Set(['daysSinceLastPurchase', 'purchaseCount', 'spend', 'channel']);

/** True when the tree asks about purchases, so the count must add the ones since the facts' watermark. */
export const needsDelta = (rule: Rule) => conditionsOf(rule).some((c) => PURCHASE_FIELDS.has(c.field));

/** The purchases after the watermark, one row a member: what the facts do not hold yet. */
const sinceWatermark = (watermark: number) =>
  and(sql`${purchases.id} > ${watermark}`, notInArray(purchases.status, ['voided', 'refunded']));

/** The members with purchases after the watermark (the same purchases `purchasesSince` adds up). */
export const membersSince = (tx: Tx, watermark: number) =>
  tx.select({ id: purchases.memberId }).from(purchases).where(sinceWatermark(watermark));

export function purchasesSince(tx: Tx, watermark: number) {
  const at = purchases.occurredAt;
  return tx
    .select({
      memberId: purchases.memberId,
      n: sql<number>`count(*)`.mapWith(Number).as('d_n'),
      spend: sql<number>`sum(${purchases.amount} - ${purchases.refundedAmount})`
        .mapWith(Number)
        .as('d_spend'),
      last: sql<Date>`max(${at})`.mapWith(at).as('d_last'),
      lastStore: sql<Date>`max(case when ${purchases.channel} = 'store' then ${at} end)`
        .mapWith(at)
        .as('d_store'),
      lastOnline: sql<Date>`max(case when ${purchases.channel} = 'online' then ${at} end)`
        .mapWith(at)
        .as('d_online'),
    })
    .from(purchases)
    .where(sinceWatermark(watermark))
    .groupBy(purchases.memberId)
    .as('d');
}
export type Delta = ReturnType<typeof purchasesSince>;

const windowColumns = {
  7: [f.purchases7, f.spend7],
  30: [f.purchases30, f.spend30],
  90: [f.purchases90, f.spend90],
  180: [f.purchases180, f.spend180],
  365: [f.purchases365, f.spend365],
} as const;

/** `value` between min and max, either end optional. */
const between = (value: SQL, min?: number, max?: number) =>
  and(
    min === undefined ? undefined : sql`${value} >= ${min}`,
    max === undefined ? undefined : sql`${value} <= ${max}`,
  );

/** A timestamp parameter as the column stores it (ms on SQLite, timestamptz on PostgreSQL). */
const at = (when: Date) => sql.param(when, f.lastPurchaseAt);

/** The Taipei date (YYYY-MM-DD) `years` before today: a birthday on or before it is that old. */
const yearsBefore = (now: Date, years: number) => {
  const today = taipeiDate(now);
  return `${String(Number(today.slice(0, 4)) - years).padStart(4, '0')}${today.slice(4)}`;
};

interface Context {
  tx: Tx;
  now: Date;
  delta: Delta | null;
}

/** The latest of the facts' time and the delta's (the delta's, being newer, wins when there is one). */
const latest = (ctx: Context, fact: typeof f.lastPurchaseAt, live: 'last' | 'lastStore' | 'lastOnline') =>
  ctx.delta ? sql`coalesce(${ctx.delta[live]}, ${fact})` : sql`${fact}`;

function condition(c: Condition, ctx: Context): SQL | undefined {
  const { tx, now, delta } = ctx;
  switch (c.field) {
    case 'tier':
      return inArray(f.tierCode, c.tiers);
    case 'tag': {
      const tagged = tx
        .select({ id: memberTags.memberId })
        .from(memberTags)
        .where(inArray(memberTags.tagId, c.tagIds));
      return c.has ? inArray(f.memberId, tagged) : notInArray(f.memberId, tagged);
    }
    case 'homeStore':
      return inArray(f.homeStoreId, c.storeIds);
    case 'birthMonth':
      return inArray(f.birthMonth, c.months);
    case 'age':
      return and(
        isNotNull(f.birthday),
        c.min === undefined ? undefined : lte(f.birthday, yearsBefore(now, c.min)),
        c.max === undefined ? undefined : sql`${f.birthday} > ${yearsBefore(now, c.max + 1)}`,
      );
    case 'gender': {
      const known = c.genders.filter((g) => g !== 'unknown');
      return or(
        known.length > 0 ? inArray(f.gender, known) : undefined,
        c.genders.includes('unknown') ? sql`${f.gender} is null` : undefined,
      );
    }
    case 'joined':
      return and(
        c.from === undefined ? undefined : gte(f.joinedAt, new Date(Date.parse(c.from) - TAIPEI_MS)),
        c.to === undefined ? undefined : lt(f.joinedAt, new Date(Date.parse(c.to) - TAIPEI_MS + DAY)),
      );
    case 'daysSinceLastPurchase': {
      const last = latest(ctx, f.lastPurchaseAt, 'last');
      return and(
        sql`${last} is not null`,
        c.min === undefined ? undefined : sql`${last} <= ${at(new Date(now.getTime() - c.min * DAY))}`,
        c.max === undefined ? undefined : sql`${last} > ${at(new Date(now.getTime() - (c.max + 1) * DAY))}`,
      );
    }
    case 'purchaseCount':
    case 'spend': {
      const [n, spend] = windowColumns[c.days as Window];
      const fact = c.field === 'purchaseCount' ? n : spend;
      const live = delta ? (c.field === 'purchaseCount' ? delta.n : delta.spend) : null;
      return between(live ? sql`(${fact} + coalesce(${live}, 0))` : sql`${fact}`, c.min, c.max);
    }
    case 'pointsBalance':
      return between(sql`${f.pointsBalance}`, c.min, c.max);
    case 'couponHeld':
      return inArray(
        f.memberId,
        tx
          .select({ id: coupons.memberId })
          .from(coupons)
          .where(
            and(
              eq(coupons.status, 'issued'),
              lte(coupons.validFrom, now),
              sql`${coupons.validUntil} > ${sql.param(now, coupons.validUntil)}`,
              c.templateId === undefined ? undefined : eq(coupons.templateId, c.templateId),
            ),
          ),
      );
    case 'couponUsed':
      return inArray(
        f.memberId,
        tx
          .select({ id: coupons.memberId })
          .from(coupons)
          .where(
            and(
              eq(coupons.status, 'used'),
              c.templateId === undefined ? undefined : eq(coupons.templateId, c.templateId),
              c.days === undefined ? undefined : gte(coupons.usedAt, new Date(now.getTime() - c.days * DAY)),
            ),
          ),
      );
    case 'channel': {
      const last =
        c.channel === 'store'
          ? latest(ctx, f.lastStorePurchaseAt, 'lastStore')
          : latest(ctx, f.lastOnlinePurchaseAt, 'lastOnline');
      return sql`${last} >= ${at(new Date(now.getTime() - c.days * DAY))}`;
    }
    case 'lineFriend':
      return eq(f.friend, true);
    case 'marketingOptIn':
      return eq(f.marketingOptIn, c.value);
  }
}

/** The tree as one condition; `sql\`1 = 1\`` never appears, as a checked group is never empty. */
export function compileRule(rule: Rule, ctx: Context): SQL | undefined {
  if ('all' in rule) return and(...rule.all.map((r) => compileRule(r, ctx)));
  if ('any' in rule) return or(...rule.any.map((r) => compileRule(r, ctx)));
  return condition(rule, ctx);
}

/** Who is never in a segment: deleted memberships and LINE accounts that blocked the brand. */
export const everSegmentable = and(eq(f.active, true), eq(f.blocked, false));

/** Who a marketing push may reach: a LINE friend now who opted in (on top of `everSegmentable`). */
export const reachableForMarketing = and(eq(f.friend, true), eq(f.marketingOptIn, true));
