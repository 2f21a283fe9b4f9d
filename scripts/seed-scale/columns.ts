// The simulated history in memory. Columns are typed arrays (about 2 GB at full scale): JS objects for 30
// million rows would not fit the heap.

/** The ledger's `kind` column holds an index into this. */
export const LEDGER_KINDS = ['earn', 'redeem', 'expire'] as const;
export const [EARN, REDEEM, EXPIRE] = [0, 1, 2];

/** Growable columns of numbers; NaN stands for SQL null. */
function columns<K extends string>(names: readonly K[], capacity: number) {
  const t = {
    n: 0,
    c: Object.fromEntries(names.map((k) => [k, new Float64Array(capacity)])) as Record<K, Float64Array>,
    /** Index of a new row. */
    push(): number {
      if (t.n === t.c[names[0]!].length) {
        for (const k of names) {
          const bigger = new Float64Array(Math.ceil(t.c[k].length * 1.5) + 16);
          bigger.set(t.c[k]);
          t.c[k] = bigger;
        }
      }
      return t.n++;
    },
  };
  return t;
}

/**
 * The ledger entries, purchases, lots and lot spends, by the index each got when it happened. An entry's `lot` is
 * the lot it earned (-1: none) and its spends are `spendsCount` rows from `spendsFrom`; `purchase` and `lot`
 * point at rows of the other columns.
 */
export function historyColumns(capacity: number) {
  return {
    ledger: columns(
      [
        'member',
        'kind',
        'points',
        'balance',
        'amount',
        'store',
        'time',
        'purchase',
        'expiresAt',
        'lot',
        'spendsFrom',
        'spendsCount',
      ] as const,
      capacity,
    ),
    purchases: columns(
      ['member', 'store', 'time', 'amount', 'discount', 'earned', 'redeemed'] as const,
      capacity,
    ),
    lots: columns(['member', 'points', 'remaining', 'time', 'expiresAt'] as const, capacity),
    spends: columns(['lot', 'points'] as const, Math.ceil(capacity / 3)),
  };
}

export type HistoryColumns = ReturnType<typeof historyColumns>;

/** NaN, the columns' null, as SQL null. */
export const nullable = (n: number) => (Number.isNaN(n) ? null : n);
