// Who enters each journey on a Taipei day, and on what occasion (ADR 0035). The occasion is part of the entry's
// key: a member gets the welcome once, the birthday coupon once a year, a nudge once per expiry date, a win-back
// once per last purchase, congratulations once per upgrade. Reach (friend, opt-in) and fatigue are the freeze's.
import { and, eq, gt, gte, inArray, lt, lte, notExists, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import type { JourneyKind } from '../../../db/schema/journeys.ts';
import { journeyEntries, memberNotices, members, pointLots, purchases, tiers } from '../../../db/schema.ts';
import { taipeiDate } from '../taipei-time.ts';

const DAY = 86_400_000;

/** The first moment of a Taipei date (YYYY-MM-DD). */
export const taipeiDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
/** The Taipei date `days` after `date` (negative: before). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export interface Entrant {
  memberId: number;
  occasion: string;
}

type Condition = (tx: Tx, day: string, delayDays: number, now: Date) => Promise<Entrant[]>;

const active = eq(members.status, 'active');

/** Joined on the Taipei day `delayDays` before: once per member. */
const welcome: Condition = async (tx, day, delay) => {
  const joined = addDays(day, -delay);
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        active,
        gte(members.joinedAt, taipeiDayStart(joined)),
        lt(members.joinedAt, taipeiDayStart(addDays(joined, 1))),
      ),
    );
  return rows.map((r) => ({ memberId: r.id, occasion: 'join' }));
};

/**
 * Born in this Taipei month, from its day `delayDays + 1` to its end: once a year. Every day of the month takes
 * in who is not in yet (a member who joins mid-month, or a journey switched on then).
 */
const birthday: Condition = async (tx, day, delay) => {
  if (Number(day.slice(8, 10)) - 1 < delay) return [];
  const rows = await tx
    .select({ id: members.id })
    .from(members)
    .where(and(active, sql`substr(${members.birthday}, 6, 2) = ${day.slice(5, 7)}`));
  return rows.map((r) => ({ memberId: r.id, occasion: day.slice(0, 4) }));
};

/** Holding points that expire by the end of the Taipei day `delayDays` ahead: once per expiry date. */
const pointsExpiring: Condition = async (tx, day, delay, now) => {
  const rows = await tx
    .select({
      memberId: pointLots.memberId,
      expiresAt: sql<Date>`min(${pointLots.expiresAt})`.mapWith(pointLots.expiresAt),
    })
    .from(pointLots)
    .innerJoin(members, eq(members.id, pointLots.memberId))
    .where(
      and(
        active,
        gt(pointLots.remaining, 0),
        gt(pointLots.expiresAt, now),
        lte(pointLots.expiresAt, taipeiDayStart(addDays(day, delay + 1))),
      ),
    )
    .groupBy(pointLots.memberId);
  return rows.map((r) => ({ memberId: r.memberId, occasion: `expires:${taipeiDate(r.expiresAt)}` }));
};

const counted = notInArray(purchases.status, ['voided', 'refunded']);

/** Last bought on the Taipei day `delayDays` before, and not since: once per such last purchase. */
const winBack: Condition = async (tx, day, delay) => {
  const bought = addDays(day, -delay);
  const after = taipeiDayStart(addDays(bought, 1));
  const later = tx
    .select({ one: sql`1` })
    .from(purchases)
    .where(and(eq(purchases.memberId, members.id), counted, gte(purchases.occurredAt, after)));
  const rows = await tx
    .selectDistinct({ id: members.id })
    .from(purchases)
    .innerJoin(members, eq(members.id, purchases.memberId))
    .where(
      and(
        active,
        counted,
        gte(purchases.occurredAt, taipeiDayStart(bought)),
        lt(purchases.occurredAt, after),
        notExists(later),
      ),
    );
  return rows.map((r) => ({ memberId: r.id, occasion: `last:${bought}` }));
};

/** Moved up a tier on the Taipei day `delayDays` before (the tier notice says so): once per upgrade. */
const tierUpgrade: Condition = async (tx, day, delay) => {
  const on = addDays(day, -delay);
  const rank = new Map((await tx.select().from(tiers)).map((t) => [t.code, t.rank]));
  const rows = await tx
    .select({ id: memberNotices.id, memberId: memberNotices.memberId, data: memberNotices.data })
    .from(memberNotices)
    .innerJoin(members, eq(members.id, memberNotices.memberId))
    .where(
      and(
        active,
        eq(memberNotices.kind, 'tier_changed'),
        gte(memberNotices.createdAt, taipeiDayStart(on)),
        lt(memberNotices.createdAt, taipeiDayStart(addDays(on, 1))),
      ),
    );
  return rows
    .filter((r) => {
      const { from, to } = r.data as { from: { code: string }; to: { code: string } };
      return (rank.get(to.code) ?? 0) > (rank.get(from.code) ?? 0);
    })
    .map((r) => ({ memberId: r.memberId, occasion: `upgrade:${r.id}` }));
};

const conditions: Record<JourneyKind, Condition> = {
  welcome,
  birthday,
  points_expiring: pointsExpiring,
  win_back: winBack,
  tier_upgrade: tierUpgrade,
};

/** The members entering a journey on the Taipei day `day`, each once, in id order. */
export async function entrantsOn(
  tx: Tx,
  kind: JourneyKind,
  day: string,
  delayDays: number,
  now: Date,
): Promise<Entrant[]> {
  const found = await conditions[kind](tx, day, delayDays, now);
  const seen = new Map<number, Entrant>();
  for (const e of found) if (!seen.has(e.memberId)) seen.set(e.memberId, e);
  return [...seen.values()].sort((a, b) => a.memberId - b.memberId);
}

/** Of `entrants`, those not yet in the journey on their occasion. */
export async function notYetEntered(tx: Tx, kind: JourneyKind, entrants: Entrant[]): Promise<Entrant[]> {
  const had = new Set<string>();
  for (let i = 0; i < entrants.length; i += 500) {
    const ids = entrants.slice(i, i + 500).map((e) => e.memberId);
    const rows = await tx
      .select({ memberId: journeyEntries.memberId, occasion: journeyEntries.occasion })
      .from(journeyEntries)
      .where(and(eq(journeyEntries.journey, kind), inArray(journeyEntries.memberId, ids)));
    for (const row of rows) had.add(`${row.memberId}:${row.occasion}`);
  }
  return entrants.filter((e) => !had.has(`${e.memberId}:${e.occasion}`));
}
