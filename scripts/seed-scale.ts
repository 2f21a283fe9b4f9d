// npm run seed:scale: a database at production scale for `npm run bench:checkout`: 1,000,000 members and about
// 10,000,000 points-ledger rows over the past two years, with their purchases, lots and lot spends.
//
//   node scripts/seed-scale.ts [--path FILE] [--members N] [--ledger-rows N] [--force]
//
// The file is --path, else DATABASE_PATH, else ./data/scale.db; ./data/demo.db is never touched, and a database
// that holds members is refused unless --force (which deletes the file and starts afresh).
//
// This is a bulk loader, not domain code. Calling recordPurchase ten million times would take hours, so the
// history is simulated in memory under the ledger's rules (bot/domain/ledger.ts, checkout.ts, tiers.ts, expiry.ts):
// purchases earn by the policy's base rate and the tier multiplier; some pay with points, taken from the lots
// first in, first out (lot_spends); lots expire at the daily job after their expiry date; tiers move up on the
// purchase that crosses a bar and are reviewed a year on. So every balance equals the sum of its ledger and the
// sum of its lots' remaining points. The schema comes from the real migrations (openDatabase); the rows go in
// with raw prepared statements in large transactions, ledger ids in time order as a live system gives them, with
// the journal in memory, syncing off and the secondary indexes dropped while loading, restored (WAL, synchronous=FULL,
// every index from the migrations) at the end. A crash while loading leaves a broken file: seed it again.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { currentConsent } from '../bot/domain/consent.ts';
import { newCardId, newCardSecret } from '../bot/domain/members.ts';
import { hashPassword } from '../bot/domain/passwords.ts';
import { currentPolicy, expiryUnder } from '../bot/domain/points-policy.ts';
import { createStore } from '../bot/domain/stores.ts';
import { openDatabase } from '../db/client.ts';

export interface ScaleOptions {
  path: string;
  members?: number;
  ledgerRows?: number;
  now?: Date;
  force?: boolean;
  log?: (line: string) => void;
}

const TOWNS: Town[] = [
  ['TPE', '台北', '台北市信義區松仁路', 9],
  ['NTP', '新北', '新北市板橋區文化路', 9],
  ['TYN', '桃園', '桃園市中壢區中正路', 6],
  ['HSZ', '新竹', '新竹市東區光復路', 4],
  ['TXG', '台中', '台中市西屯區台灣大道', 7],
  ['CHW', '彰化', '彰化縣彰化市中山路', 2],
  ['TNN', '台南', '台南市東區中華東路', 5],
  ['KHH', '高雄', '高雄市前鎮區中山二路', 6],
  ['ILN', '宜蘭', '宜蘭縣羅東鎮公正路', 1],
  ['HUN', '花蓮', '花蓮縣花蓮市中山路', 1],
];
const SURNAMES =
  '陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴';
const GIVEN =
  '家宜怡君雅婷佳欣俊宏志明建文淑芬美玲惠伶冠宇承恩子翔柏豪詩涵思妤品睿彥廷育瑄庭威哲偉嘉琪筱婉靜慧雯信安勝傑心芸凱博';
const pick = (chars: string) => chars[Math.floor(Math.random() * chars.length)]!;
const zhName = () => pick(SURNAMES) + pick(GIVEN) + (Math.random() < 0.9 ? pick(GIVEN) : '');
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Seeds `path`; returns what it wrote. */
export async function seedScale(options: ScaleOptions) {
  const { members = 1_000_000, ledgerRows = 10_000_000, now = new Date(), log = console.log } = options;
  const path = resolve(options.path);
  if (path === resolve(import.meta.dirname, '../data/demo.db'))
    throw new Error('Refusing to seed the demo database');
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (options.force) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  const sqlite = db.$client;
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  if (count('members') > 0 || count('stores') > 0) {
    sqlite.close();
    throw new Error(`${path} already holds data: pass --force to delete it and seed afresh`);
  }

  // Stores, and a clerk in each whose password nobody knows (one scrypt hash: 50 would take seconds).
  const at = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const stores = TOWNS.flatMap(([code, city, street, n]) =>
    Array.from({ length: n }, (_, i) => {
      const name = `${city}${i + 1}號店`;
      const address = `${street}${10 + i * 7}號`;
      return createStore(db, { code: `${code}${pad(i + 1)}`, name, address }, at);
    }),
  );
  const passwordHash = await hashPassword(randomBytes(18).toString('base64url'));
  const addClerk = sqlite.prepare(
    `INSERT INTO staff (username, display_name, password_hash, role, created_at, updated_at)
     VALUES (?, ?, ?, 'clerk', ?, ?) RETURNING id`,
  );
  const clerks = stores.map((store) => {
    const { id } = addClerk.get(
      `clerk.${store.code.toLowerCase()}`,
      `${store.name}店員`,
      passwordHash,
      +at,
      +at,
    ) as { id: number };
    sqlite.prepare('INSERT INTO staff_stores (staff_id, store_id) VALUES (?, ?)').run(id, store.id);
    return { id };
  });
  log(`${stores.length} stores and their clerks (${elapsed()})`);

  const policy = currentPolicy(db);
  const tiers = sqlite
    .prepare(
      'SELECT code, qualifying_spend AS bar, earn_multiplier_percent AS multiplier FROM tiers ORDER BY rank',
    )
    .all() as { code: string; bar: number; multiplier: number }[];
  const plan = history({
    members,
    ledgerRows,
    now: now.getTime(),
    stores,
    policy,
    tiers,
    expiresAt: (t) => expiryUnder(policy, new Date(t)).getTime(),
  });
  log(`${plan.purchasesPerYearNote} (${elapsed()})`);

  // Loading: the journal in memory, no syncing, no foreign-key checks, secondary indexes rebuilt at the end (faster sorted).
  // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF; MEMORY journals only the pages
  // that existed before (none of the loaded ones).
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -4000000');
  sqlite.pragma('threads = 2');
  sqlite.pragma('temp_store = MEMORY');
  const loaded = ['members', 'line_friends', 'purchases', 'points_ledger', 'point_lots', 'lot_spends'];
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${loaded.map(() => '?').join(', ')})`,
    )
    .all(...loaded) as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);

  let pending = 0;
  sqlite.exec('BEGIN');
  /** Multi-row INSERTs of 500 rows: one call into SQLite per batch instead of per row. */
  const inserter = (table: string, columns: string[], batch = 500) => {
    const values = (rows: number) =>
      Array(rows)
        .fill(`(${columns.map(() => '?').join(',')})`)
        .join(',');
    const sql = (rows: number) => `INSERT INTO ${table} (${columns.join(',')}) VALUES ${values(rows)}`;
    const full = sqlite.prepare(sql(batch));
    const params: unknown[] = [];
    let rows = 0;
    const flush = () => {
      if (rows === batch) full.run(params);
      else if (rows > 0) sqlite.prepare(sql(rows)).run(params);
      params.length = 0;
      rows = 0;
    };
    return {
      add(row: unknown[]) {
        for (const value of row) params.push(value);
        if (++rows === batch) flush();
        if (++pending === 1_000_000) {
          pending = 0;
          sqlite.exec('COMMIT; BEGIN');
        }
      },
      flush,
    };
  };
  const ms = (t: number) => (Number.isNaN(t) ? null : t);
  const nullable = (n: number) => (Number.isNaN(n) ? null : n);

  // Members, with their LINE friendship when they joined in LINE.
  const memberRows = inserter('members', [
    'id',
    'member_number',
    'source',
    'line_user_id',
    'phone',
    'name',
    'birthday',
    'gender',
    'email',
    'home_store_id',
    'tier_code',
    'tier_review_at',
    'points_balance',
    'terms_version',
    'privacy_version',
    'consented_at',
    'marketing_opt_in',
    'marketing_opt_in_at',
    'card_id',
    'card_secret',
    'joined_at',
    'bound_at',
    'updated_at',
  ]);
  const friendRows = inserter('line_friends', [
    'line_user_id',
    'display_name',
    'picture_url',
    'language',
    'status',
    'followed_at',
    'blocked_at',
    'updated_at',
  ]);
  const numbers = new Set<string>();
  const cards = new Set<string>();
  const unique = (set: Set<string>, make: () => string) => {
    let value = make();
    while (set.has(value)) value = make();
    set.add(value);
    return value;
  };
  for (let m = 1; m <= members; m++) {
    const s = plan.member(m);
    const line = s.lineBound;
    const lineUserId = line ? `U${randomUUID().replaceAll('-', '')}` : null;
    const name = zhName();
    const birth = new Date(
      Date.UTC(1950 + Math.floor(Math.random() * 57), 0, 1 + Math.floor(Math.random() * 365)),
    );
    const gender = Math.random() < 0.56 ? 'female' : Math.random() < 0.97 ? 'male' : 'other';
    const optIn = line && Math.random() < 0.6;
    // 09 and eight digits, a bijection of the member id (73939133 is prime to 10^8), so no two are alike.
    const phone = `09${pad((73_939_133 * m + 4_242_424) % 100_000_000, 8)}`;
    memberRows.add([
      m,
      unique(numbers, () => `M${100_000_000 + Math.floor(Math.random() * 900_000_000)}`),
      line ? 'line' : 'import',
      lineUserId,
      phone,
      name,
      birth.toISOString().slice(0, 10),
      line || Math.random() < 0.5 ? gender : null,
      line && Math.random() < 0.4 ? `member${m}@example.com` : null,
      s.homeStoreId,
      tiers[s.tier]!.code,
      ms(s.tierReviewAt),
      s.balance,
      line ? currentConsent.termsVersion : null,
      line ? currentConsent.privacyVersion : null,
      line ? s.joinedAt : null,
      optIn ? 1 : 0,
      optIn ? s.joinedAt : null,
      unique(cards, newCardId),
      newCardSecret(),
      s.joinedAt,
      line ? s.joinedAt : null,
      s.updatedAt,
    ]);
    if (lineUserId) {
      const blocked = Math.random() < 0.05;
      friendRows.add([
        lineUserId,
        name,
        `https://profile.line-scdn.net/${lineUserId}`,
        Math.random() < 0.9 ? 'zh-TW' : 'en',
        blocked ? 'blocked' : 'friend',
        s.joinedAt - 600_000,
        blocked ? s.updatedAt : null,
        s.updatedAt,
      ]);
    }
    if (m % 100_000 === 0)
      log(
        `members ${m.toLocaleString('en')} / ${members.toLocaleString('en')}, ledger ${plan.ledger.n.toLocaleString('en')} rows so far (${elapsed()})`,
      );
  }
  memberRows.flush();
  friendRows.flush();

  // The history, in id order: ids were given by time, as the live system gives them.
  const order = plan.assignIds();
  log(`ids in time order (${elapsed()})`);
  const { ledger: L, purchases: P, lots: O, spends: S } = plan;
  const staffOf = new Map(stores.map((store, i) => [store.id, clerks[i]!.id]));
  const codeOf = new Map(stores.map((store) => [store.id, store.code]));
  const purchaseRows = inserter('purchases', [
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
  for (const p of order.purchases) {
    const store = nullable(P.c.store[p]!);
    const time = P.c.time[p]!;
    const id = order.purchaseId[p]!;
    const dayNumber = Math.floor((time + TAIPEI) / DAY);
    let day = days.get(dayNumber);
    if (day === undefined) {
      day = new Date(dayNumber * DAY).toISOString().slice(2, 10).replaceAll('-', '');
      days.set(dayNumber, day);
    }
    const reference = `${store === null ? 'WEB' : codeOf.get(store)}-${day}-${id}`;
    references.push(reference); // by purchase id, which this loop goes up
    purchaseRows.add([
      id,
      P.c.member[p],
      store,
      store === null ? 'online' : 'store',
      store === null ? null : staffOf.get(store),
      reference,
      P.c.amount[p],
      P.c.discount[p],
      P.c.earned[p],
      P.c.redeemed[p],
      randomUUID(),
      time,
    ]);
  }
  purchaseRows.flush();
  log(`purchases ${P.n.toLocaleString('en')} (${elapsed()})`);

  const ledgerRowsIn = inserter('points_ledger', [
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
  const lotRows = inserter('point_lots', [
    'id',
    'member_id',
    'earn_entry_id',
    'points',
    'remaining',
    'earned_at',
    'expires_at',
  ]);
  const spendRows = inserter('lot_spends', ['entry_id', 'lot_id', 'points']);
  for (const e of order.ledger) {
    const id = order.ledgerId[e]!;
    const kind = LEDGER_KINDS[L.c.kind[e]!]!;
    const member = L.c.member[e]!;
    const time = L.c.time[e]!;
    const p = L.c.purchase[e]!;
    const store = nullable(L.c.store[e]!);
    if (kind === 'expire') {
      const expiresAt = L.c.expiresAt[e]!;
      ledgerRowsIn.add([
        id,
        member,
        kind,
        L.c.points[e],
        L.c.balance[e],
        null,
        null,
        'other',
        null,
        null,
        null,
        `expire:${member}:${expiresAt}:${time}`,
        `Points earned until ${new Date(expiresAt).toISOString()} expired`,
        time,
      ]);
    } else {
      const purchaseId = order.purchaseId[p]!;
      const channel = store === null ? 'online' : 'store';
      const staffId = store === null ? null : staffOf.get(store);
      const note = kind === 'redeem' ? `NT$${-L.c.points[e]! * policy.pointValue} off` : null;
      ledgerRowsIn.add([
        id,
        member,
        kind,
        L.c.points[e],
        L.c.balance[e],
        nullable(L.c.amount[e]!),
        store,
        channel,
        staffId,
        references[purchaseId - 1],
        purchaseId,
        `purchase:${purchaseId}:${kind}`,
        note,
        time,
      ]);
    }
    const lot = L.c.lot[e]!;
    if (lot >= 0)
      lotRows.add([
        order.lotId[lot],
        member,
        id,
        O.c.points[lot],
        O.c.remaining[lot],
        O.c.time[lot],
        O.c.expiresAt[lot],
      ]);
    for (let s = L.c.spendsFrom[e]!, end = s + L.c.spendsCount[e]!; s < end; s++)
      spendRows.add([id, order.lotId[S.c.lot[s]!], S.c.points[s]]);
  }
  for (const rows of [ledgerRowsIn, lotRows, spendRows]) rows.flush();
  sqlite.exec('COMMIT');
  log(
    `ledger ${L.n.toLocaleString('en')}, lots ${O.n.toLocaleString('en')}, lot spends ${S.n.toLocaleString('en')} (${elapsed()})`,
  );

  for (const { name, sql } of indexes) {
    sqlite.exec(sql);
    log(`index ${name} (${elapsed()})`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.close();
  const summary = {
    path,
    members,
    ledgerRows: L.n,
    purchases: P.n,
    lots: O.n,
    lotSpends: S.n,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(path).size,
  };
  log(
    `seeded ${path}: ${summary.members.toLocaleString('en')} members, ${summary.ledgerRows.toLocaleString('en')} ledger rows, ${(summary.bytes / 2 ** 30).toFixed(2)} GiB in ${elapsed()}`,
  );
  return summary;
}

// The simulated history. Columns are typed arrays (about 2 GB at full scale): JS objects for 30 million rows
// would not fit the heap.
type Town = [code: string, city: string, street: string, stores: number];
type Tier = { code: string; bar: number; multiplier: number };
const DAY = 86_400_000;
const YEAR = 365 * DAY; // as bot/domain/tiers.ts counts the rolling 12 months and the next review
const TAIPEI = 8 * 3600_000;
export const LEDGER_KINDS = ['earn', 'redeem', 'expire'] as const;
const [EARN, REDEEM, EXPIRE] = [0, 1, 2];

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

const gauss = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
function poisson(mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
  let k = 0;
  for (let p = Math.random(), limit = Math.exp(-mean); p > limit; p *= Math.random()) k++;
  return k;
}
/** The daily job's run (00:30 Taipei) at or after `at`. */
function jobAfter(at: number): number {
  const run = Math.floor((at + TAIPEI) / DAY) * DAY - TAIPEI + 30 * 60_000;
  return run >= at ? run : run + DAY;
}

function history(input: {
  members: number;
  ledgerRows: number;
  now: number;
  stores: { id: number }[];
  policy: { spendPerPoint: number; pointValue: number; minRedeemPoints: number; maxRedeemPercent: number };
  tiers: Tier[];
  expiresAt: (t: number) => number;
}) {
  const { now, stores, policy, tiers } = input;
  const start = now - 2 * YEAR;
  const end = now - 60_000;
  const capacity = Math.ceil(input.ledgerRows * 1.05) + 1_000;
  const ledger = columns(
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
  );
  const purchases = columns(
    ['member', 'store', 'time', 'amount', 'discount', 'earned', 'redeemed'] as const,
    capacity,
  );
  const lots = columns(['member', 'points', 'remaining', 'time', 'expiresAt'] as const, capacity);
  const spends = columns(['lot', 'points'] as const, Math.ceil(capacity / 3));
  const L = ledger.c;
  const tierFor = (spend: number) => tiers.reduce((best, tier, i) => (tier.bar <= spend ? i : best), 0);
  let scale = 6; // purchases a year of a member of average activity; calibrated below

  /** Simulates one member's two years, appending to the columns; returns the member's row facts. */
  function member(m: number) {
    const joinedAt = now - Math.random() * 5 * YEAR;
    const from = Math.max(start, joinedAt);
    // A fifth never buy again after joining; the others' activity is spread log-normally (a few buy weekly).
    const activity = Math.random() < 0.2 ? 0 : Math.exp(1.1 * gauss() - 0.6);
    const times = Array.from(
      { length: poisson((activity * scale * (end - from)) / YEAR) },
      () => from + Math.random() * (end - from),
    ).sort((a, b) => a - b);
    const homeStoreId = stores[Math.floor(Math.random() * stores.length)]!.id;
    let balance = 0;
    let tier = 0;
    let tierReviewAt = Number.NaN;
    let updatedAt = joinedAt;
    const open: number[] = []; // lots with points left, oldest first
    let head = 0;
    const spent: [time: number, amount: number][] = [];
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
    const spendSince = (since: number) =>
      spent.reduce((sum, [t, amount]) => (t >= since ? sum + amount : sum), 0);
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
          const reached = tierFor(spendSince(reviewAt - YEAR));
          if (reached !== tier) updatedAt = reviewAt;
          tier = reached;
          tierReviewAt = reviewAt + YEAR;
        }
      }
    };
    for (const t of times) {
      catchUp(t, true);
      const store =
        Math.random() < 0.08
          ? Number.NaN
          : Math.random() < 0.8
            ? homeStoreId
            : stores[Math.floor(Math.random() * stores.length)]!.id;
      const price = Math.max(30, Math.round((600 * Math.exp(0.8 * gauss())) / 5) * 5);
      const most = Math.min(
        balance,
        Math.floor(Math.floor((price * policy.maxRedeemPercent) / 100) / policy.pointValue),
      );
      const redeem =
        most >= policy.minRedeemPoints && Math.random() < 0.3
          ? policy.minRedeemPoints + Math.floor(Math.random() * (most - policy.minRedeemPoints + 1))
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
      if (redeem > 0) {
        const e = entry(REDEEM, -redeem, t);
        L.store[e] = store;
        L.purchase[e] = p;
        take(e, redeem);
      }
      const e = entry(EARN, earned, t);
      L.store[e] = store;
      L.purchase[e] = p;
      L.amount[e] = paid;
      if (earned > 0) {
        const lot = lots.push();
        lots.c.member[lot] = m;
        lots.c.points[lot] = lots.c.remaining[lot] = earned;
        lots.c.time[lot] = t;
        lots.c.expiresAt[lot] = input.expiresAt(t);
        L.lot[e] = lot;
        open.push(lot);
      }
      spent.push([t, paid]);
      const reached = tierFor(spendSince(t - YEAR));
      if (reached > tier) {
        tier = reached;
        tierReviewAt = t + YEAR;
      }
    }
    catchUp(now, false);
    return { lineBound: Math.random() < 0.7, homeStoreId, tier, tierReviewAt, balance, joinedAt, updatedAt };
  }

  // Calibration: simulate a sample, scale the activity to the ledger rows asked for, twice (redemptions and
  // expiries do not grow in proportion), then forget the sample.
  const sample = Math.min(input.members, 20_000);
  for (let round = 0; round < 2; round++) {
    for (let m = 1; m <= sample; m++) member(m);
    scale *= input.ledgerRows / input.members / (ledger.n / sample);
    ledger.n = purchases.n = lots.n = spends.n = 0;
  }

  /** Ids by time (a stable counting sort by day keeps each member's own order): what a live system gives. */
  function byDay(time: Float64Array, n: number) {
    const days = Math.ceil((now - start) / DAY) + 2;
    const counts = new Uint32Array(days + 1);
    const day = (i: number) => Math.max(1, Math.floor((time[i]! - start) / DAY) + 1);
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
    ledger,
    purchases,
    lots,
    spends,
    purchasesPerYearNote: `calibrated to ${scale.toFixed(2)} purchases a year for a member of average activity`,
    member,
    assignIds() {
      const l = byDay(L.time, ledger.n);
      const p = byDay(purchases.c.time, purchases.n);
      const lotId = new Float64Array(lots.n);
      let next = 0;
      for (const e of l.order) if (L.lot[e]! >= 0) lotId[L.lot[e]!] = ++next;
      return { ledger: l.order, ledgerId: l.id, purchases: p.order, purchaseId: p.id, lotId };
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      path: { type: 'string' },
      members: { type: 'string' },
      'ledger-rows': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const path = values.path ?? process.env.DATABASE_PATH ?? 'data/scale.db';
  try {
    await seedScale({
      path,
      members: values.members ? Number(values.members) : undefined,
      ledgerRows: values['ledger-rows'] ? Number(values['ledger-rows']) : undefined,
      force: values.force,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
