// npm run bench:push: a campaign to every member of the seed:scale database (1,000,000) through the LINE stand-in at
// LINE's multicast limit (200 requests a second of 500 recipients: a 10 s floor for a million), against the
// target of 1.05× the floor, the server's peak RSS (< 256 MB), and exactly once checked from the stand-in's record.
//
//   node scripts/bench/push.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…] [--concurrency 32]
//                              [--runs 5]
//
// The database is seed:scale's (./data/scale.db, or membership_bench on the local server). A process of its own
// (push-audience.ts) first makes every member an opted-in LINE friend once, then times the console's segment
// counts. The stand-in runs in another process in count-only mode (a million friends counted, not stored), so the
// RSS printed is this process's: the server (its app, campaign sender and engine) and this loop reading two
// columns. The start is timed as the console's request (it records the intent); the server's sender then freezes
// the recipients and sends: both timed from the campaign's own timestamps. Figures are printed, never enforced
// (ADR 0029 records them). Earlier bench campaigns are deleted first, so the fatigue rule does not skip anyone.

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { and, asc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import { buildApp } from '../../bot/app.ts';
import { commandLine } from '../../bot/domain/actor.ts';
import { addCampaign, setSendingRules } from '../../bot/domain/campaigns/fixture.ts';
import { startCampaign } from '../../bot/domain/campaigns/sending.ts';
import { createLineClients } from '../../bot/line/clients.ts';
import { type Engine, openEngine } from '../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../db/schema.ts';
import { startLineProcess } from './line-process.ts';
import { seconds } from './push-audience.ts';
import { scaleDatabase } from './segments.ts';

const BENCH_NAME = 'bench:push';
const mib = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The audience made and the segment counts timed, in a process of its own; answers the members. */
async function prepare(url: string, runs: number): Promise<number> {
  const child = fork(new URL('./push-audience.ts', import.meta.url));
  child.send({ url, runs });
  const [answer] = (await once(child, 'message')) as [{ members: number }];
  await once(child, 'exit');
  return answer.members;
}

/** Deletes earlier bench campaigns, with their recipients and batches. */
async function clearEarlier(engine: Engine) {
  await engine.write(async (tx) => {
    const earlier = tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.name, BENCH_NAME));
    await tx.delete(campaignRecipients).where(inArray(campaignRecipients.campaignId, earlier));
    await tx.delete(campaignBatches).where(inArray(campaignBatches.campaignId, earlier));
    await tx.delete(campaigns).where(eq(campaigns.name, BENCH_NAME));
  });
}

/** Every recipient's delivery count is 1 and every other's 0, by the stand-in's counts (index: the user id's). */
async function checkExactlyOnce(engine: Engine, counts: Uint8Array, campaignId: number) {
  const expected = new Uint8Array(counts.length);
  let recipients = 0;
  for (let after = 0; ; ) {
    const page = await engine.read((tx) =>
      tx
        .select({ memberId: campaignRecipients.memberId, to: campaignRecipients.lineUserId })
        .from(campaignRecipients)
        .where(
          and(
            eq(campaignRecipients.campaignId, campaignId),
            gt(campaignRecipients.memberId, after),
            isNotNull(campaignRecipients.batchNo),
          ),
        )
        .orderBy(asc(campaignRecipients.memberId))
        .limit(50_000),
    );
    if (page.length === 0) break;
    for (const row of page) expected[Number.parseInt(row.to!.slice(1), 16)] = 1;
    recipients += page.length;
    after = page.at(-1)!.memberId;
  }
  let missed = 0;
  let twice = 0;
  let strays = 0;
  for (let i = 0; i < counts.length; i++) {
    if (expected[i] === 1 && counts[i] === 0) missed++;
    else if (counts[i]! > 1) twice++;
    else if (expected[i] === 0 && counts[i] !== 0) strays++;
  }
  return { recipients, missed, twice, strays, exact: missed + twice + strays === 0 };
}

async function main() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      path: { type: 'string' },
      url: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      runs: { type: 'string', default: '5' },
    },
  });
  const { dialect, url } = scaleDatabase(values, import.meta.filename);
  const concurrency = Number(values.concurrency);

  const members = await prepare(url, Number(values.runs));
  const secrets = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(24).toString('base64url'),
  };
  const line = await startLineProcess({
    ...secrets,
    loginChannelId: '1657000000',
    limits: { monthlyQuota: null },
    countOnly: { friends: members },
  });
  const engine = await openEngine({ url });
  const app = await buildApp({
    engine,
    line: createLineClients({ ...secrets, apiBaseUrl: line.urls.api, dataApiBaseUrl: line.urls.data }),
    channelSecret: secrets.channelSecret,
    liff: {
      liffId: '1657000000-bench',
      loginChannelId: '1657000000',
      jwksUrl: `${line.urls.api}/oauth2/v2.1/certs`,
    },
    logger: false,
    work: { concurrency },
  });
  try {
    await app.ready();
    await clearEarlier(engine);
    await setSendingRules(engine, { requestsPerSecond: 200 });
    const id = await addCampaign(engine);
    await engine.write((tx) => tx.update(campaigns).set({ name: BENCH_NAME }).where(eq(campaigns.id, id)));
    console.log(
      `\n${dialect} ${url}: a campaign to all ${members.toLocaleString('en')} members, concurrency ${concurrency}`,
    );
    console.log(`server RSS before the start ${mib()} MiB`);

    const started = performance.now();
    await startCampaign(engine, id, commandLine, new Date());
    console.log(`start request: ${(performance.now() - started).toFixed(0)} ms (the intent only)`);
    const wokeAt = Date.now();
    app.campaignSender.wake();
    let row: typeof campaigns.$inferSelect;
    let frozenRss = 0;
    for (;;) {
      [row] = (await engine.read((tx) => tx.select().from(campaigns).where(eq(campaigns.id, id)))) as [
        typeof row,
      ];
      if (row.status !== 'freezing' && frozenRss === 0) frozenRss = mib();
      if (row.status === 'sent' || row.status === 'cancelled') break;
      await sleep(200);
    }
    const floorMs = (row.recipients / 500 / 200) * 1000;
    const sendMs = row.finishedAt!.getTime() - row.startedAt!.getTime();
    const frozeMs = row.startedAt!.getTime() - row.frozenAt!.getTime();
    console.log(
      `froze ${row.recipients.toLocaleString('en')} recipients in ${seconds(frozeMs)} ` +
        `(sending began ${seconds(row.startedAt!.getTime() - wokeAt)} after the start; peak RSS then ${frozenRss} MiB)`,
    );
    console.log(
      `sent ${row.sent.toLocaleString('en')} (failed ${row.failed}) in ${seconds(sendMs)}: floor ${seconds(floorMs)}, ` +
        `${(sendMs / floorMs).toFixed(2)}× the floor (target ≤ 1.05×)`,
    );
    console.log(`server peak RSS when sent ${mib()} MiB (target < 256 MB = 244 MiB)`);
    const record = await line.record(row.aggregationUnit);
    const check = await checkExactlyOnce(engine, record.counted!.counts, id);
    console.log(
      `exactly once (the stand-in's counts against the frozen recipients): ${check.exact ? 'yes' : 'NO'}: ` +
        `${check.recipients.toLocaleString('en')} recipients, ${record.counted!.users.toLocaleString('en')} reached, ` +
        `${check.missed} missed, ${check.twice} twice, ${check.strays} to others; ${record.violations} violations`,
    );
    // The pace LINE saw: batches sent each second, and tries beyond the first (LINE's 429s, 5xx).
    const batches = await engine.read((tx) =>
      tx
        .select({ sentAt: campaignBatches.sentAt, attempts: campaignBatches.attempts })
        .from(campaignBatches)
        .where(eq(campaignBatches.campaignId, id)),
    );
    const perSecond = new Map<number, number>();
    for (const b of batches) {
      const second = Math.floor((b.sentAt?.getTime() ?? 0) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    const retries = batches.reduce((n, b) => n + b.attempts - 1, 0);
    console.log(
      `multicasts a second: ${[...perSecond]
        .sort(([a], [b]) => a - b)
        .map(([, n]) => n)
        .join(' ')}; ${retries} retried`,
    );
  } finally {
    await app.close();
    await line.close();
    await engine.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
