import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { members, purchaseRefunds, purchases, staff } from '../../db/schema.ts';
import { taipeiDate } from './taipei-time.ts';

/** 王小明 -> 王○明, 陳美 -> 陳○: enough for the clerk to greet the member, not to learn their name. */
export function maskName(name: string | null): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '會員';
  if (chars.length <= 2) return `${chars[0]}○`;
  return `${chars[0]}${'○'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** A purchase of the day as the counter lists it: the member only by number and masked name. */
export interface PurchaseOfTheDay {
  purchase: typeof purchases.$inferSelect;
  memberNumber: string;
  maskedName: string;
  staffName: string | null;
  refunds: { refund: typeof purchaseRefunds.$inferSelect; staffName: string | null }[];
}

/** Today's purchases (Asia/Taipei) at a store, newest first: for the clerk's list and a manager's voids. */
export async function todaysPurchases(
  engine: Engine,
  storeId: number,
  now: Date,
): Promise<PurchaseOfTheDay[]> {
  const start = new Date(`${taipeiDate(now)}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 24 * 3600_000);
  const rows = await engine.read((tx) =>
    tx
      .select({ purchase: purchases, member: members, staffName: staff.displayName })
      .from(purchases)
      .innerJoin(members, eq(members.id, purchases.memberId))
      .leftJoin(staff, eq(staff.id, purchases.staffId))
      .where(
        and(eq(purchases.storeId, storeId), gte(purchases.occurredAt, start), lt(purchases.occurredAt, end)),
      )
      .orderBy(desc(purchases.occurredAt), desc(purchases.id)),
  );
  const ids = rows.map((row) => row.purchase.id);
  const refunds =
    ids.length === 0
      ? []
      : await engine.read((tx) =>
          tx
            .select({ refund: purchaseRefunds, staffName: staff.displayName })
            .from(purchaseRefunds)
            .leftJoin(staff, eq(staff.id, purchaseRefunds.staffId))
            .where(inArray(purchaseRefunds.purchaseId, ids))
            .orderBy(asc(purchaseRefunds.id)),
        );
  return rows.map(({ purchase, member, staffName }) => ({
    purchase,
    memberNumber: member.memberNumber,
    maskedName: maskName(member.name),
    staffName,
    refunds: refunds.filter(({ refund }) => refund.purchaseId === purchase.id),
  }));
}
