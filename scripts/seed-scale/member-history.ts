// One member's past two years under the ledger's rules (bot/domain/points-ledger.ts, point-lots.ts, purchases.ts, tiers.ts, expiry.ts):
// purchases earn by the policy's base rate and the tier multiplier; some pay with points, taken from the lots
// first in, first out (lot spends); lots expire at the daily job after their expiry date; tiers move up on the
// purchase that crosses a bar and are reviewed a year on. So the balance equals the sum of the member's ledger and
// the sum of the lots' remaining points.
import { jobAfter, YEAR } from './calendar.ts';
import { EARN, EXPIRE, type HistoryColumns, REDEEM } from './columns.ts';
import { gauss, pick, poisson, random } from './random.ts';

export type Tier = { code: string; bar: number; multiplier: number };

/** What every member's history shares: the window simulated, the stores and the ledger's rules. */
export interface Setting {
  now: number;
  /** Two years before `now`: no history before it. */
  start: number;
  /** The last instant a purchase can happen. */
  end: number;
  stores: { id: number }[];
  policy: { spendPerPoint: number; pointValue: number; minRedeemPoints: number; maxRedeemPercent: number };
  tiers: Tier[];
  expiresAt: (t: number) => number;
}

/**
 * Simulates member `m`, appending to the columns; `scale` is how many purchases a year a member of average
 * activity makes. Returns the facts of the member's row.
 */
export function simulateMember(history: HistoryColumns, setting: Setting, scale: number, m: number) {
  const { now, start, end, stores, policy, tiers } = setting;
  const { ledger, purchases, lots, spends } = history;
  const L = ledger.c;
  const joinedAt = Math.floor(now - random() * 5 * YEAR); // whole milliseconds, as the product writes them
  const from = Math.max(start, joinedAt);
  // A fifth never buy again after joining; the others' activity is spread log-normally (a few buy weekly).
  const activity = random() < 0.2 ? 0 : Math.exp(1.1 * gauss() - 0.6);
  const times = Array.from({ length: poisson((activity * scale * (end - from)) / YEAR) }, () =>
    Math.floor(from + random() * (end - from)),
  ).sort((a, b) => a - b);
  const homeStoreId = pick(stores).id;
  let balance = 0;
  let tier = 0;
  let tierReviewAt = Number.NaN;
  let updatedAt = joinedAt;
  const open: number[] = []; // lots with points left, oldest first
  let head = 0;
  const spent: [time: number, amount: number][] = [];
  /** The tier that the spend of the year up to `t` reaches. */
  const tierAt = (t: number) => {
    const since = t - YEAR;
    const spend = spent.reduce((sum, [at, amount]) => (at >= since ? sum + amount : sum), 0);
    return tiers.reduce((best, { bar }, i) => (bar <= spend ? i : best), 0);
  };
  const entry = (kind: number, points: number, time: number) => {
    const e = ledger.push();
    balance += points;
    L.member[e] = m;
    L.kind[e] = kind;
    L.points[e] = points;
    L.balance[e] = balance;
    L.time[e] = time;
    L.amount[e] = L.store[e] = L.expiresAt[e] = Number.NaN;
    L.purchase[e] = L.lot[e] = -1;
    L.spendsFrom[e] = spends.n;
    L.spendsCount[e] = 0;
    updatedAt = time;
    return e;
  };
  const purchaseEntry = (kind: number, points: number, p: number) => {
    const e = entry(kind, points, purchases.c.time[p]!);
    L.store[e] = purchases.c.store[p]!;
    L.purchase[e] = p;
    return e;
  };
  /** Takes points from the open lots, first in, first out, recording the spends on entry `e`. */
  const take = (e: number, points: number, onlyExpiring = Number.POSITIVE_INFINITY) => {
    let left = points;
    while (left > 0 && head < open.length && lots.c.expiresAt[open[head]!]! <= onlyExpiring) {
      const lot = open[head]!;
      const taken = Math.min(left, lots.c.remaining[lot]!);
      lots.c.remaining[lot]! -= taken;
      const s = spends.push();
      spends.c.lot[s] = lot;
      spends.c.points[s] = taken;
      L.spendsCount[e]!++;
      left -= taken;
      if (lots.c.remaining[lot] === 0) head++;
    }
  };
  /** What the daily job (expiry, then the yearly tier review) and expiry at a purchase did up to `t`. */
  const catchUp = (t: number, purchase: boolean) => {
    for (;;) {
      const expiring = head < open.length ? lots.c.expiresAt[open[head]!]! : Number.POSITIVE_INFINITY;
      const expiryAt = purchase && expiring <= t ? Math.min(t, jobAfter(expiring)) : jobAfter(expiring);
      const reviewAt = Number.isNaN(tierReviewAt) ? Number.POSITIVE_INFINITY : jobAfter(tierReviewAt);
      if (Math.min(expiryAt, reviewAt) > t) return;
      if (expiryAt <= reviewAt) {
        let points = 0;
        for (let i = head; i < open.length && lots.c.expiresAt[open[i]!] === expiring; i++)
          points += lots.c.remaining[open[i]!]!;
        const e = entry(EXPIRE, -points, expiryAt);
        L.expiresAt[e] = expiring;
        take(e, points, expiring);
      } else {
        const reached = tierAt(reviewAt);
        if (reached !== tier) updatedAt = reviewAt;
        tier = reached;
        tierReviewAt = reviewAt + YEAR;
      }
    }
  };
  for (const t of times) {
    catchUp(t, true);
    const store = random() < 0.08 ? Number.NaN : random() < 0.8 ? homeStoreId : pick(stores).id;
    const price = Math.max(30, Math.round((600 * Math.exp(0.8 * gauss())) / 5) * 5);
    const most = Math.min(
      balance,
      Math.floor(Math.floor((price * policy.maxRedeemPercent) / 100) / policy.pointValue),
    );
    const redeem =
      most >= policy.minRedeemPoints && random() < 0.3
        ? policy.minRedeemPoints + Math.floor(random() * (most - policy.minRedeemPoints + 1))
        : 0;
    const paid = price - redeem * policy.pointValue;
    const earned = Math.floor(
      (Math.floor(paid / policy.spendPerPoint) * tiers[tier]!.multiplier * 100) / 10_000,
    );
    const p = purchases.push();
    purchases.c.member[p] = m;
    purchases.c.store[p] = store;
    purchases.c.time[p] = t;
    purchases.c.amount[p] = paid;
    purchases.c.discount[p] = price - paid;
    purchases.c.earned[p] = earned;
    purchases.c.redeemed[p] = redeem;
    if (redeem > 0) take(purchaseEntry(REDEEM, -redeem, p), redeem);
    const e = purchaseEntry(EARN, earned, p);
    L.amount[e] = paid;
    if (earned > 0) {
      const lot = lots.push();
      lots.c.member[lot] = m;
      lots.c.points[lot] = lots.c.remaining[lot] = earned;
      lots.c.time[lot] = t;
      lots.c.expiresAt[lot] = setting.expiresAt(t);
      L.lot[e] = lot;
      open.push(lot);
    }
    spent.push([t, paid]);
    const reached = tierAt(t);
    if (reached > tier) {
      tier = reached;
      tierReviewAt = t + YEAR;
    }
  }
  catchUp(now, false);
  const lineBound = random() < 0.7;
  return { lineBound, homeStoreId, tierCode: tiers[tier]!.code, tierReviewAt, balance, joinedAt, updatedAt };
}
