// The bench:push audience, made once in the seed:scale database: every member a LINE friend of the account under
// the stand-in's count-only user ids (countedUserId(member id)), opted in to marketing, one in ten speaking
// English; then the segment facts are built again. seed:scale makes 5% of friends blocked and 60% opted in, as a
// real brand has; a push "to 1,000,000 members" needs all of them reachable, so the bench changes its own copy
// (it is a bench database: ./data/scale.db or membership_bench), never the demo's. Raw bulk statements, like the
// seed: a million sign-ups through the domain would take hours.
import { once } from 'node:events';
import { count, eq, sql } from 'drizzle-orm';
import { countSegment } from '../../bot/domain/segments/count.ts';
import { refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { checkRules } from '../../bot/domain/segments/rules.ts';
import { type Engine, openEngine } from '../../db/engine.ts';
import { lineFriends, members, stores } from '../../db/schema.ts';
import { countedUserId } from '../../line-stand-in/index.ts';
import { benchTag, percentile, timed, typicalSegments } from './segments.ts';

/** Makes the audience unless it is made already; answers the number of members (the friends the stand-in needs). */
export async function pushAudience(engine: Engine, now: Date, log: (line: string) => void): Promise<number> {
  const [{ n: total } = { n: 0 }] = await engine.read((tx) => tx.select({ n: count() }).from(members));
  if (total === 0) throw new Error('No members: run npm run seed:scale first');
  const [last] = await engine.read((tx) =>
    tx.select({ lineUserId: members.lineUserId }).from(members).where(eq(members.id, total)),
  );
  const [friends] = await engine.read((tx) =>
    tx.select({ n: count() }).from(lineFriends).where(eq(lineFriends.status, 'friend')),
  );
  if (last?.lineUserId === countedUserId(total) && friends!.n >= total) return total;
  const started = performance.now();
  const hex =
    engine.dialect === 'sqlite'
      ? sql`'U' || printf('%032x', ${members.id})`
      : sql`'U' || lpad(to_hex(${members.id}), 32, '0')`;
  await engine.write(async (tx) => {
    await tx.delete(lineFriends);
    await tx.update(members).set({
      lineUserId: hex,
      marketingOptIn: true,
      marketingOptInAt: sql`coalesce(${members.marketingOptInAt}, ${members.joinedAt})`,
    });
    await tx.insert(lineFriends).select(
      tx
        .select({
          lineUserId: members.lineUserId,
          displayName: members.name,
          pictureUrl: sql<string>`'https://profile.line-scdn.net/' || ${members.lineUserId}`.as(
            'picture_url',
          ),
          language: sql<string>`case when ${members.id} % 10 = 0 then 'en' else 'zh-TW' end`.as('language'),
          status: sql<'friend'>`'friend'`.as('status'),
          followedAt: members.joinedAt,
          blockedAt: sql<null>`null`.as('blocked_at'),
          unusedReplyToken: sql<null>`null`.as('unused_reply_token'),
          unusedReplyTokenAt: sql<null>`null`.as('unused_reply_token_at'),
          updatedAt: members.updatedAt,
        })
        .from(members),
    );
  });
  log(
    `made all ${total.toLocaleString('en')} members opted-in LINE friends in ${seconds(performance.now() - started)}`,
  );
  const refreshed = await refreshSegmentFacts(engine, now);
  log(
    `refreshSegmentFacts: ${refreshed.members.toLocaleString('en')} members in ${(refreshed.ms / 1000).toFixed(1)} s`,
  );
  return total;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The console's live count of typical segments on this database (bench:segments' own, fewer runs), beside the
 * push: p50 and p95 in ms.
 */
export async function segmentTimings(engine: Engine, now: Date, runs: number, log: (line: string) => void) {
  const tagId = await benchTag(engine, now);
  const storeIds = (await engine.read((tx) => tx.select({ id: stores.id }).from(stores))).map((s) => s.id);
  let worst = 0;
  for (const [name, rules] of Object.entries(typicalSegments(storeIds, tagId))) {
    const rule = checkRules(rules);
    const { ms, answer } = await timed(runs, () => countSegment(engine, rule, now));
    worst = Math.max(worst, percentile(ms, 95));
    log(
      `  ${name.padEnd(72)} p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms  reachable ${answer.reachable.toLocaleString('en')}`,
    );
  }
  log(`  worst p95 ${worst.toFixed(1)} ms (target < 300 ms)`);
}

// Run by push.ts in a process of its own, so the bulk statements and the counts do not count in the server's RSS.
if (import.meta.main) {
  const [{ url, runs }] = (await once(process, 'message')) as [{ url: string; runs: number }];
  const engine = await openEngine({ url });
  const now = new Date();
  try {
    const members = await pushAudience(engine, now, console.log);
    console.log(`segment counts, ${runs} runs each after a warm-up:`);
    await segmentTimings(engine, now, runs, console.log);
    process.send!({ members });
  } finally {
    await engine.close();
  }
  process.disconnect();
}
