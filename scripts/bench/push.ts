// npm run bench:push: how long a campaign to N members (1,000,000 by default) takes to go out through the LINE
// stand-in, against the floor LINE's limit sets (N / 500 a multicast / 200 multicasts a second: 10 s for a million),
// and the process's peak RSS.
//
//   node scripts/bench/push.ts [--members 1000000] [--concurrency 16]
//
// It seeds its own database (a fresh one from db/test-engine.ts: SQLite, or PostgreSQL when TEST_DATABASE_URL is
// set) with N opted-in LINE friends, the stand-in with the same N friends, then freezes the campaign
// (startCampaign, timed) and lets the server's campaign sender send it (timed until the campaign is sent). The
// stand-in and the server share this process, so the peak RSS printed is both together: an upper bound for the
// server's. Figures are printed, never enforced (ADR 0029 records what they were).
//
// Not yet at a million: the stand-in's `shoppers.create` counts every shopper to name the next one, so seeding N
// friends takes N² steps (20,000 took 49 s), and it keeps every delivered message. A count-only stand-in mode (a
// friend range by id pattern, recipients counted rather than stored) is what the full run needs.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { buildApp } from '../../bot/app.ts';
import { commandLine } from '../../bot/domain/actor.ts';
import { addCampaign, addMembers, setSendingRules } from '../../bot/domain/campaigns/fixture.ts';
import { campaignProgress, startCampaign } from '../../bot/domain/campaigns/sending.ts';
import { refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { appOptionsFor } from '../../bot/testing/harness.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { startLineStandIn } from '../../line-stand-in/index.ts';

const { values } = parseArgs({
  options: { members: { type: 'string' }, concurrency: { type: 'string' } },
});
const members = Number(values.members ?? 1_000_000);
const concurrency = Number(values.concurrency ?? 16);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`;

const secrets = {
  channelSecret: randomBytes(16).toString('hex'),
  channelAccessToken: randomBytes(24).toString('base64url'),
};
const line = await startLineStandIn({
  ...secrets,
  loginChannelId: '1657000000',
  limits: { monthlyQuota: null },
});
const engine = await openTestEngine();
let started = performance.now();
const userIds: string[] = [];
for (let i = 0; i < members; i++) {
  const shopper = line.shoppers.create({ language: i % 10 === 0 ? 'en' : 'zh-TW' });
  line.shoppers.get(shopper.userId).friendship = 'friend';
  userIds.push(shopper.userId);
}
for (let i = 0; i < members; i += 50_000) {
  await addMembers(
    engine,
    userIds
      .slice(i, i + 50_000)
      .map((lineUserId, j) => ({ lineUserId, language: (i + j) % 10 === 0 ? 'en' : 'zh-TW' })),
    new Date(),
  );
}
await refreshSegmentFacts(engine, new Date());
console.log(
  `seeded ${members.toLocaleString('en')} members and friends in ${seconds(performance.now() - started)}`,
);

await setSendingRules(engine, { requestsPerSecond: 200 });
const app = await buildApp({ ...appOptionsFor(line, secrets, engine), work: { concurrency } });
await app.ready();
const id = await addCampaign(engine);
started = performance.now();
const campaign = await startCampaign(engine, id, commandLine, new Date());
const frozeMs = performance.now() - started;
console.log(
  `froze ${campaign.recipients.toLocaleString('en')} recipients in ${seconds(frozeMs)} (${mib()} peak RSS)`,
);

started = performance.now();
app.campaignSender.wake();
for (;;) {
  const progress = await campaignProgress(engine, id, new Date());
  if (progress.status === 'sent') break;
  await sleep(250);
}
const sentMs = performance.now() - started;
const floorMs = (members / 500 / 200) * 1000;
const delivered = line.inspect.messages().length;
console.log(
  `sent ${delivered.toLocaleString('en')} messages in ${seconds(sentMs)} (floor ${seconds(floorMs)}, ` +
    `${(sentMs / floorMs).toFixed(2)}× the floor); peak RSS ${mib()}; violations ${line.violations.length}`,
);
await app.close();
await line.close();
await engine.close();
