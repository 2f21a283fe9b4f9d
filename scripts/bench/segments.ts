// npm run bench:segments: how long the console's live segment count takes on the seed:scale database (1,000,000
// members, 10,000,000 ledger rows), against a bare `SELECT count(*) FROM members` measured in the same run.
//
//   node scripts/bench/segments.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…] [--runs 15]
//                                  [--refresh]
//
// The database is the one seed:scale wrote (its defaults: ./data/scale.db, or membership_bench on the local
// server). Opening it applies the segment migrations; the first run (or --refresh, or a new Taipei day) builds
// member_facts with refreshSegmentFacts and prints how long that took, and puts a manual tag on every tenth member
// so that tag conditions have something to find. Then each typical segment is counted RUNS times after one warm-up
// run, and its p50 and p95 are printed beside the peer's, with whether p95 stayed under 300 ms. Figures are
// printed, never enforced (ADR 0028 records what they were).
import { parseArgs } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { commandLine } from '../../bot/domain/actor.ts';
import { countSegment } from '../../bot/domain/segments/count.ts';
import { factsState, refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { checkRules } from '../../bot/domain/segments/rules.ts';
import { createTag } from '../../bot/domain/segments/tags.ts';
import { taipeiDate } from '../../bot/domain/taipei-time.ts';
import { type Engine, openEngine } from '../../db/engine.ts';
import { members, memberTags, stores, tags } from '../../db/schema.ts';
import { dialectOption, rerunFor } from '../engine-option.ts';
import { BENCH_DATABASE_URL, isPostgresUrl } from '../seed-scale/postgres-database.ts';

const TARGET_MS = 300;
const TAG = 'bench:每十位一位';

/** p-th percentile (0-100) of `values`, by nearest rank. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** `work` once to warm up, then `runs` times: the times in ms and its last answer. */
export async function timed<T>(runs: number, work: () => Promise<T>) {
  let answer = await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    answer = await work();
    ms.push(performance.now() - started);
  }
  return { ms, answer };
}

/** The tag tag conditions look for, on every tenth member, made once. */
export async function benchTag(engine: Engine, now: Date) {
  const [known] = await engine.read((tx) => tx.select().from(tags).where(eq(tags.name, TAG)));
  if (known) return known.id;
  const tag = await createTag(engine, { name: TAG }, commandLine, now);
  const [top] = await engine.read((tx) => tx.select({ n: count() }).from(members));
  for (let from = 10; from <= top!.n; from += 10_000) {
    const rows: (typeof memberTags.$inferInsert)[] = [];
    for (let id = from; id < from + 10_000 && id <= top!.n; id += 10)
      rows.push({ memberId: id, tagId: tag.id, staffId: null, taggedAt: now });
    await engine.write((tx) => tx.insert(memberTags).values(rows));
  }
  return tag.id;
}

/** The segments a marketer builds most, over the seeded stores and the bench tag. */
export function typicalSegments(storeIds: number[], tagId: number) {
  return {
    'LINE friends who opted in': { all: [{ field: 'lineFriend' }, { field: 'marketingOptIn', value: true }] },
    'gold or silver, home in 3 stores': {
      all: [
        { field: 'tier', tiers: ['gold', 'silver'] },
        { field: 'homeStore', storeIds: storeIds.slice(0, 3) },
      ],
    },
    'December birthdays aged 25-40': {
      all: [
        { field: 'birthMonth', months: [12] },
        { field: 'age', min: 25, max: 40 },
      ],
    },
    'lapsed 90+ days who spent NT$3,000+ in a year': {
      all: [
        { field: 'daysSinceLastPurchase', min: 90 },
        { field: 'spend', days: 365, min: 3000 },
      ],
    },
    '3+ purchases in 30 days': { field: 'purchaseCount', days: 30, min: 3 },
    'women who bought online in 60 days': {
      all: [
        { field: 'gender', genders: ['female'] },
        { field: 'channel', channel: 'online', days: 60 },
      ],
    },
    'tagged, or 1,000+ points': {
      any: [
        { field: 'tag', tagIds: [tagId], has: true },
        { field: 'pointsBalance', min: 1000 },
      ],
    },
    'holds a usable coupon': { field: 'couponHeld' },
    'a tree: (gold, or NT$10,000 in 180 days) and joined in 2025, friends': {
      all: [
        {
          any: [
            { field: 'tier', tiers: ['gold'] },
            { field: 'spend', days: 180, min: 10_000 },
          ],
        },
        { field: 'joined', from: '2025-01-01', to: '2025-12-31' },
        { field: 'lineFriend' },
      ],
    },
  };
}

/**
 * The seed:scale database a bench's options name (--engine, --path, --url; seed:scale's defaults), the script
 * run again under PostgreSQL's engine condition when that is the engine.
 */
export function scaleDatabase(values: { engine?: string; path?: string; url?: string }, script: string) {
  const dialect = dialectOption(values.engine, values.url ? 'postgres' : 'sqlite');
  rerunFor(dialect, script);
  const url = dialect === 'postgres' ? (values.url ?? BENCH_DATABASE_URL) : (values.path ?? 'data/scale.db');
  if (dialect === 'postgres' && !isPostgresUrl(url)) throw new Error('--url must be a postgres:// URL');
  return { dialect, url };
}

async function main() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      path: { type: 'string' },
      url: { type: 'string' },
      runs: { type: 'string', default: '15' },
      refresh: { type: 'boolean', default: false },
    },
  });
  const { dialect, url } = scaleDatabase(values, import.meta.filename);
  const runs = Number(values.runs);
  const now = new Date();
  const engine = await openEngine({ url });
  try {
    const [held] = await engine.read((tx) => tx.select({ n: count() }).from(members));
    console.log(`${dialect} ${url}: ${held!.n.toLocaleString('en')} members`);
    if (held!.n === 0) throw new Error('No members: run npm run seed:scale first');
    const state = await engine.read((tx) => factsState(tx));
    if (values.refresh || !state || state.asOfDay !== taipeiDate(now)) {
      const refreshed = await refreshSegmentFacts(engine, now);
      console.log(
        `refreshSegmentFacts: ${refreshed.members.toLocaleString('en')} members in ${(refreshed.ms / 1000).toFixed(1)} s`,
      );
    }
    const tagId = await benchTag(engine, now);
    const storeIds = (await engine.read((tx) => tx.select({ id: stores.id }).from(stores))).map((s) => s.id);

    const peer = await timed(runs, () => engine.read((tx) => tx.select({ n: count() }).from(members)));
    const line = (name: string, ms: number[], extra = '') =>
      `${name.padEnd(72)} p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(ms, 95).toFixed(1).padStart(7)} ms${extra}`;
    console.log(`\n${runs} runs each after a warm-up; the peer is measured in the same run:`);
    console.log(line('peer: SELECT count(*) FROM members', peer.ms));
    let worst = 0;
    for (const [name, rules] of Object.entries(typicalSegments(storeIds, tagId))) {
      const rule = checkRules(rules);
      const { ms, answer } = await timed(runs, () => countSegment(engine, rule, now));
      worst = Math.max(worst, percentile(ms, 95));
      console.log(
        line(
          name,
          ms,
          `  matching ${answer.matching.toLocaleString('en').padStart(9)}  reachable ${answer.reachable.toLocaleString('en').padStart(9)}`,
        ),
      );
    }
    console.log(
      `\nworst p95 ${worst.toFixed(1)} ms: the < ${TARGET_MS} ms target was ${worst < TARGET_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    await engine.close();
  }
}

if (import.meta.main) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
