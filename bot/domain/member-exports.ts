/**
 * Exports of members, the points ledger and coupons as CSV rows (issue 16), for a million members: read a page at a
 * time in ID order (each page its own read, so no snapshot is held for minutes and no table is ever in memory) and
 * handed on only as the reader takes them. The start is audited (`member.export`) with the number of rows then.
 */
import { and, asc, count, eq, gt } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { coupons, couponTemplates, members, pointsLedger, stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { ensureCan } from './permissions.ts';
import { TAIPEI_MS } from './taipei-time.ts';

export const EXPORTS = ['members', 'points', 'coupons'] as const;
export type ExportKind = (typeof EXPORTS)[number];

export const EXPORT_PAGE = 5000;

type Cell = string | number | null;

/** An instant as Taipei's wall clock: 2026-11-29 14:05:00. */
const taipei = (at: Date | null) =>
  at && new Date(at.getTime() + TAIPEI_MS).toISOString().slice(0, 19).replace('T', ' ');

interface ExportShape {
  header: string[];
  count: (tx: Tx) => Promise<number>;
  page: (tx: Tx, afterId: number) => Promise<{ id: number; cells: Cell[] }[]>;
}

const counted = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
const active = eq(members.status, 'active');

const shapes: Record<ExportKind, ExportShape> = {
  members: {
    header: [
      'member_number',
      'phone',
      'name',
      'birthday',
      'gender',
      'email',
      'home_store_code',
      'tier_code',
      'points_balance',
      'source',
      'line_bound',
      'marketing_opt_in',
      'joined_at',
    ],
    count: (tx) => counted(tx.select({ n: count() }).from(members).where(active)),
    page: async (tx, afterId) => {
      const rows = await tx
        .select({ member: members, storeCode: stores.code })
        .from(members)
        .leftJoin(stores, eq(stores.id, members.homeStoreId))
        .where(and(gt(members.id, afterId), active))
        .orderBy(asc(members.id))
        .limit(EXPORT_PAGE);
      return rows.map(({ member: m, storeCode }) => ({
        id: m.id,
        cells: [
          m.memberNumber,
          m.phone,
          m.name,
          m.birthday,
          m.gender,
          m.email,
          storeCode,
          m.tierCode,
          m.pointsBalance,
          m.source,
          m.lineUserId ? 'yes' : 'no',
          m.marketingOptIn ? 'yes' : 'no',
          taipei(m.joinedAt),
        ],
      }));
    },
  },
  points: {
    header: [
      'entry_id',
      'member_number',
      'kind',
      'points',
      'balance_after',
      'amount',
      'store_code',
      'channel',
      'reference',
      'note',
      'occurred_at',
    ],
    count: (tx) => counted(tx.select({ n: count() }).from(pointsLedger)),
    page: async (tx, afterId) => {
      const rows = await tx
        .select({ entry: pointsLedger, memberNumber: members.memberNumber, storeCode: stores.code })
        .from(pointsLedger)
        .innerJoin(members, eq(members.id, pointsLedger.memberId))
        .leftJoin(stores, eq(stores.id, pointsLedger.storeId))
        .where(gt(pointsLedger.id, afterId))
        .orderBy(asc(pointsLedger.id))
        .limit(EXPORT_PAGE);
      return rows.map(({ entry: e, memberNumber, storeCode }) => ({
        id: e.id,
        cells: [
          e.id,
          memberNumber,
          e.kind,
          e.points,
          e.balanceAfter,
          e.amount,
          storeCode,
          e.channel,
          e.reference,
          e.note,
          taipei(e.occurredAt),
        ],
      }));
    },
  },
  coupons: {
    header: [
      'coupon_code',
      'member_number',
      'template',
      'status',
      'how',
      'issued_at',
      'valid_until',
      'used_at',
      'used_store_code',
      'discount',
    ],
    count: (tx) => counted(tx.select({ n: count() }).from(coupons)),
    page: async (tx, afterId) => {
      const rows = await tx
        .select({ coupon: coupons, memberNumber: members.memberNumber, title: couponTemplates.title })
        .from(coupons)
        .innerJoin(members, eq(members.id, coupons.memberId))
        .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
        .where(gt(coupons.id, afterId))
        .orderBy(asc(coupons.id))
        .limit(EXPORT_PAGE);
      const storeCodes = new Map(
        (await tx.select({ id: stores.id, code: stores.code }).from(stores)).map((s) => [s.id, s.code]),
      );
      return rows.map(({ coupon: c, memberNumber, title }) => ({
        id: c.id,
        cells: [
          c.code,
          memberNumber,
          title,
          c.status,
          c.how,
          taipei(c.issuedAt),
          taipei(c.validUntil),
          taipei(c.usedAt),
          c.usedStoreId === null ? null : (storeCodes.get(c.usedStoreId) ?? null),
          c.discount,
        ],
      }));
    },
  },
};

/** Starts an export: who asked is audited, with the rows there are now (what the console's progress counts to). */
export async function startExport(
  engine: Engine,
  kind: ExportKind,
  actor: Actor,
  now: Date,
): Promise<number> {
  ensureCan(actor, 'member.export');
  const rows = await engine.read(shapes[kind].count);
  await engine.write((tx) =>
    auditAs(tx, actor, now, {
      action: 'member.export',
      subjectType: 'export',
      subjectId: kind,
      after: { rows },
    }),
  );
  return rows;
}

/** The export's rows, header first, a page read only when the reader has taken the one before. */
export async function* exportRows(engine: Engine, kind: ExportKind): AsyncGenerator<Cell[]> {
  const shape = shapes[kind];
  yield shape.header;
  for (let afterId = 0; ; ) {
    const page = await engine.read((tx) => shape.page(tx, afterId));
    for (const row of page) yield row.cells;
    if (page.length < EXPORT_PAGE) return;
    afterId = page.at(-1)!.id;
  }
}
