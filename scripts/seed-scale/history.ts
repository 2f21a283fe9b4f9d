// The whole simulated history: every member's two years (member-history.ts), calibrated to the ledger rows asked
// for, then given ids in time order as a live system gives them.
import { asc } from 'drizzle-orm';
import { currentPolicy, expiryUnder } from '../../bot/domain/points-policy.ts';
import type { Engine } from '../../db/engine.ts';
import { tiers } from '../../db/schema.ts';
import { DAY, YEAR } from './calendar.ts';
import { historyColumns } from './columns.ts';
import { type Setting, simulateMember, type Tier } from './member-history.ts';

/** The points policy and the tiers from the database, as the simulation applies them. */
export async function ledgerRules(engine: Engine) {
  const { policy, ladder } = await engine.read(async (tx) => ({
    policy: await currentPolicy(tx),
    ladder: await tx
      .select({ code: tiers.code, bar: tiers.qualifyingSpend, multiplier: tiers.earnMultiplierPercent })
      .from(tiers)
      .orderBy(asc(tiers.rank)),
  }));
  return {
    policy,
    tiers: ladder as Tier[],
    expiresAt: (t: number) => expiryUnder(policy, new Date(t)).getTime(),
  };
}

export type History = ReturnType<typeof simulateHistory>;

/**
 * The history of `members` members with about `ledgerRows` ledger rows up to `now`. Members are simulated one by
 * one as `member(m)` is called, for m from 1 up; `assignIds()` then orders what they did.
 */
export function simulateHistory(
  input: { members: number; ledgerRows: number; now: number; stores: { id: number }[] },
  rules: Pick<Setting, 'policy' | 'tiers' | 'expiresAt'>,
) {
  const { now } = input;
  const setting: Setting = { ...rules, now, start: now - 2 * YEAR, end: now - 60_000, stores: input.stores };
  const history = historyColumns(Math.ceil(input.ledgerRows * 1.05) + 1_000);
  const { ledger, purchases, lots, spends } = history;
  let scale = 6; // purchases a year of a member of average activity; calibrated below

  // Calibration: simulate a sample, scale the activity to the ledger rows asked for, twice (redemptions and
  // expiries do not grow in proportion), then forget the sample.
  const sample = Math.min(input.members, 20_000);
  for (let round = 0; round < 2; round++) {
    for (let m = 1; m <= sample; m++) simulateMember(history, setting, scale, m);
    scale *= input.ledgerRows / input.members / (ledger.n / sample);
    ledger.n = purchases.n = lots.n = spends.n = 0;
  }

  /** Ids by time (a stable counting sort by day keeps each member's own order): what a live system gives. */
  function byDay(time: Float64Array, n: number) {
    const days = Math.ceil((now - setting.start) / DAY) + 2;
    const counts = new Uint32Array(days + 1);
    const day = (i: number) => Math.max(1, Math.floor((time[i]! - setting.start) / DAY) + 1);
    for (let i = 0; i < n; i++) counts[day(i)]!++;
    for (let d = 1; d <= days; d++) counts[d]! += counts[d - 1]!;
    const order = new Uint32Array(n);
    const id = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const at = counts[day(i) - 1]!++;
      order[at] = i;
      id[i] = at + 1;
    }
    return { order, id };
  }

  return {
    ...history,
    purchasesPerYear: scale,
    member: (m: number) => simulateMember(history, setting, scale, m),
    /** The rows in id order, and each row's id: ledger entries and purchases by time, lots by their earn entry. */
    assignIds() {
      const l = byDay(ledger.c.time, ledger.n);
      const p = byDay(purchases.c.time, purchases.n);
      const lotId = new Float64Array(lots.n);
      let next = 0;
      for (const e of l.order) if (ledger.c.lot[e]! >= 0) lotId[ledger.c.lot[e]!] = ++next;
      return { ledger: l.order, ledgerId: l.id, purchases: p.order, purchaseId: p.id, lotId };
    },
  };
}

export type Ids = ReturnType<History['assignIds']>;
