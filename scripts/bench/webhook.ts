// npm run bench:webhook — how fast the LINE webhook acknowledges events, beside a bare Fastify JSON route.
//
// The servers run in a child process (so the load generator does not share their event loop): the real app on a
// temporary SQLite file (WAL, synchronous=FULL, as in production) and a bare Fastify app with one JSON route.
// autocannon sends both the same kind of body: a LINE text-message event, each with its own webhookEventId and
// signature. Afterwards every acknowledged event must be in the inbox exactly once and processed.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { sign, textMessageEvent, webhookBody } from '../../bot/testing/events.ts';
import { startBenchServers } from './webhook-servers.ts';

interface BenchServers {
  baselineUrl: string;
  webhookUrl: string;
  channelSecret: string;
}

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

if (process.argv[2] === '--servers') {
  await startBenchServers();
} else {
  const child = fork(import.meta.filename, ['--servers'], { stdio: 'inherit' });
  const [servers] = await once(child, 'message');
  const { baselineUrl, webhookUrl, channelSecret } = servers as BenchServers;
  const userId = `U${'b'.repeat(32)}`;

  const load = (url: string, seconds: number) =>
    autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => {
            const body = JSON.stringify(webhookBody(textMessageEvent(userId, '我要查點數')));
            const headers = {
              'content-type': 'application/json; charset=utf-8',
              'x-line-signature': sign(body, channelSecret),
            };
            return { ...request, body, headers };
          },
        },
      ],
    });

  await load(baselineUrl, 2); // warm-up, not counted
  const baseline = await load(baselineUrl, DURATION_S);
  const warmUp = await load(webhookUrl, 2);
  const webhook = await load(webhookUrl, DURATION_S);

  child.send('count');
  const [stored] = (await once(child, 'message')) as [{ events: number; done: number; chat: number }];

  const acknowledged = warmUp['2xx'] + webhook['2xx'];
  const ratio = webhook.requests.average / baseline.requests.average;
  const rows = [
    ['bare Fastify JSON route', baseline.requests.average, baseline.latency.p50, baseline.latency.p99],
    ['POST /webhook (signed, stored)', webhook.requests.average, webhook.latency.p50, webhook.latency.p99],
  ];
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, on 127.0.0.1\n`);
  console.log('route                              req/s     p50 ms  p99 ms');
  for (const [name, rps, p50, p99] of rows) {
    console.log(
      `${String(name).padEnd(34)} ${String(Math.round(Number(rps))).padStart(6)} ${String(p50).padStart(9)} ${String(p99).padStart(7)}`,
    );
  }
  console.log(
    `\nratio webhook / bare: ${ratio.toFixed(2)} (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `webhook p99: ${webhook.latency.p99} ms (target < 25 ms: ${webhook.latency.p99 < 25 ? 'met' : 'NOT met'})`,
  );
  const errors = warmUp.non2xx + webhook.non2xx + webhook.errors + webhook.timeouts;
  // Requests still in flight when the load stopped may be stored without their answer being counted.
  const exactlyOnce =
    stored.events >= acknowledged && stored.done === stored.events && stored.chat === stored.events;
  console.log(
    `events acknowledged ${acknowledged}, stored ${stored.events}, processed ${stored.done}, chat rows ${stored.chat}`,
  );
  console.log(`every acknowledged event persisted once: ${exactlyOnce && errors === 0 ? 'yes' : 'NO'}`);
  if (!exactlyOnce || errors > 0) process.exit(1);
}
