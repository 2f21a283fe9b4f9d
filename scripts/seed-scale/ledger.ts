// The purchases, then the points ledger with the lots its earn entries opened and the lot spends of its
// redemptions and expiries, all in id order. Idempotency keys and notes take the shapes the live system writes
// (bot/domain/purchases.ts, points-ledger.ts, point-lots.ts).
import { randomUUID } from 'node:crypto';
import type { BulkLoad } from './bulk-load.ts';
import { taipeiDay, yymmdd } from './calendar.ts';
import { LEDGER_KINDS, nullable } from './columns.ts';
import type { History, Ids } from './history.ts';
import type { SeededStore } from './stores.ts';

type Till = { channel: 'store' | 'online' | 'other'; staffId: number | null; code: string | null };
const ONLINE: Till = { channel: 'online', staffId: null, code: 'WEB' };
const NO_TILL: Till = { channel: 'other', staffId: null, code: null };

/** Where a purchase was rung up: the store's till, with the store's clerk, or the web shop (no store). */
function tills(stores: SeededStore[]) {
  const byStore = new Map(
    stores.map((s): [number, Till] => [s.id, { channel: 'store', staffId: s.clerkId, code: s.code }]),
  );
  return (store: number | null) => (store === null ? ONLINE : byStore.get(store)!);
}

/** Writes the purchases; returns their references by purchase id (index id - 1). */
export async function loadPurchases(
  load: BulkLoad,
  plan: History,
  ids: Ids,
  stores: SeededStore[],
): Promise<string[]> {
  const P = plan.purchases.c;
  const tillOf = tills(stores);
  const purchaseRows = await load.rows('purchases', [
    'id',
    'member_id',
    'store_id',
    'channel',
    'staff_id',
    'reference',
    'amount',
    'discount',
    'points_earned',
    'points_redeemed',
    'idempotency_key',
    'occurred_at',
  ]);
  const references: string[] = [];
  const days = new Map<number, string>(); // YYMMDD in Taipei, by day number
  for (let n = 0; n < ids.purchases.length; n++) {
    if (n % 10_000 === 0) await load.flowing();
    const p = ids.purchases[n]!;
    const store = nullable(P.store[p]!);
    const till = tillOf(store);
    const time = P.time[p]!;
    const id = ids.purchaseId[p]!;
    const dayNumber = taipeiDay(time);
    let day = days.get(dayNumber);
    if (day === undefined) {
      day = yymmdd(dayNumber);
      days.set(dayNumber, day);
    }
    const reference = `${till.code}-${day}-${id}`;
    references.push(reference); // by purchase id, which this loop goes up
    purchaseRows.add([
      id,
      P.member[p],
      store,
      till.channel,
      till.staffId,
      reference,
      P.amount[p],
      P.discount[p],
      P.earned[p],
      P.redeemed[p],
      randomUUID(),
      time,
    ]);
  }
  await purchaseRows.end();
  return references;
}

/** Writes the ledger entries, the lots they opened and the lot spends, after the purchases they refer to. */
export async function loadLedger(
  load: BulkLoad,
  plan: History,
  ids: Ids,
  sales: { stores: SeededStore[]; references: string[]; pointValue: number },
) {
  const { stores, references, pointValue } = sales;
  const { ledger: L, lots: O, spends: S } = plan;
  const tillOf = tills(stores);
  const ledgerRows = await load.rows('points_ledger', [
    'id',
    'member_id',
    'kind',
    'points',
    'balance_after',
    'amount',
    'store_id',
    'channel',
    'staff_id',
    'reference',
    'purchase_id',
    'idempotency_key',
    'note',
    'occurred_at',
  ]);
  const lotRows = await load.rows('point_lots', [
    'id',
    'member_id',
    'earn_entry_id',
    'points',
    'remaining',
    'earned_at',
    'expires_at',
  ]);
  const spendRows = await load.rows('lot_spends', ['entry_id', 'lot_id', 'points']);
  for (let n = 0; n < ids.ledger.length; n++) {
    if (n % 10_000 === 0) await load.flowing();
    const e = ids.ledger[n]!;
    const id = ids.ledgerId[e]!;
    const kind = LEDGER_KINDS[L.c.kind[e]!]!;
    const member = L.c.member[e]!;
    const time = L.c.time[e]!;
    const store = nullable(L.c.store[e]!);
    // An expiry has no purchase, store or amount; its key and note are those of bot/domain/point-lots.ts.
    const expiresAt = kind === 'expire' ? L.c.expiresAt[e]! : null;
    const purchaseId = expiresAt === null ? ids.purchaseId[L.c.purchase[e]!]! : null;
    const till = expiresAt === null ? tillOf(store) : NO_TILL;
    ledgerRows.add([
      id,
      member,
      kind,
      L.c.points[e],
      L.c.balance[e],
      nullable(L.c.amount[e]!),
      store,
      till.channel,
      till.staffId,
      purchaseId === null ? null : references[purchaseId - 1],
      purchaseId,
      expiresAt === null ? `purchase:${purchaseId}:${kind}` : `expire:${member}:${expiresAt}:${time}`,
      expiresAt !== null
        ? `Points earned until ${new Date(expiresAt).toISOString()} expired`
        : kind === 'redeem'
          ? `NT$${-L.c.points[e]! * pointValue} off`
          : null,
      time,
    ]);
    const lot = L.c.lot[e]!;
    if (lot >= 0)
      lotRows.add([
        ids.lotId[lot],
        member,
        id,
        O.c.points[lot],
        O.c.remaining[lot],
        O.c.time[lot],
        O.c.expiresAt[lot],
      ]);
    for (let s = L.c.spendsFrom[e]!, end = s + L.c.spendsCount[e]!; s < end; s++)
      spendRows.add([id, ids.lotId[S.c.lot[s]!], S.c.points[s]]);
  }
  await Promise.all([ledgerRows.end(), lotRows.end(), spendRows.end()]);
}
