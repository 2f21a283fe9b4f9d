// npm run bench:webhook: how fast POST /webhook acknowledges LINE events, next to a bare Fastify JSON route.
//
// The script forks itself. The child runs both servers on 127.0.0.1: the real app (on a fresh SQLite file, through
// the engine as bot/server.ts opens it: WAL, synchronous=FULL, relaxed commits for event outcomes) and
// a bare Fastify app whose POST /json parses the body and answers {}. The parent runs autocannon, so the load
// generator does not share the servers' event loop. Both routes get the same pre-generated bodies: one LINE
// text-message event each, with its own webhookEventId and x-line-signature. Each route gets a warm-up, then a
// measured run with the same connections and duration (BENCH_SECONDS, default 10). Then the child drains the
// event processing, and the parent checks that every event was stored and processed exactly once.
// Targets, printed and not enforced: ratio >= 0.5, webhook p99 < 25 ms. Lost or doubled events, or any answer
// other than 2xx, fail the run.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { count, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../../bot/app.ts';
import { createLineClients } from '../../bot/line/clients.ts';
import { lineUserId, sign, textMessageEvent, webhookBody } from '../../bot/testing/events.ts';
import { openEngine, type Tx } from '../../db/engine.ts';
import { chatMessages, webhookEvents } from '../../db/schema.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 10;

type Urls = { webhook: string; baseline: string };
type Stored = { ids: string[]; done: number; chat: number; backlog: number; drainMs: number };
type Body = { id: string; raw: Buffer; signature: string };

if (process.argv[2] === '--servers') await serve(process.argv[3]!);
else await bench();

/** The child: both servers; on the parent's message, drains the processing and reports what the inbox holds. */
async function serve(channelSecret: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
  const engine = await openEngine({ url: join(dir, 'membership.db') });
  const nowhere = 'http://127.0.0.1:9'; // text messages need no LINE call
  const line = { channelSecret, channelAccessToken: 'bench', apiBaseUrl: nowhere, dataApiBaseUrl: nowhere };
  const liff = { liffId: '1657000000-Bench', loginChannelId: '1657000000', jwksUrl: `${nowhere}/certs` };
  const app = await buildApp({ engine, line: createLineClients(line), channelSecret, liff, logger: false });
  const bare = Fastify({ logger: false });
  bare.post('/json', async () => ({}));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  process.once('disconnect', () => process.exit(1)); // the parent died
  process.once('exit', cleanUp);
  const webhook = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhook`;
  const baseline = `${await bare.listen({ port: 0, host: '127.0.0.1' })}/json`;
  process.send!({ webhook, baseline } satisfies Urls);

  await once(process, 'message');
  await sleep(100); // requests cut off when the load stopped still reach the inbox
  const backlog = await engine.read((tx) => inbox(tx, 'pending'));
  const start = performance.now();
  await app.events.idle();
  const drainMs = performance.now() - start;
  const stored: Stored = await engine.read(async (tx) => ({
    ids: (await tx.select({ id: webhookEvents.webhookEventId }).from(webhookEvents)).map((row) => row.id),
    done: await inbox(tx, 'done'),
    chat: (await tx.select({ n: count() }).from(chatMessages))[0]!.n,
    backlog,
    drainMs,
  }));
  await Promise.all([app.close(), bare.close()]);
  await engine.close();
  process.send!(stored, () => process.exit(0));
}

/** How many events the inbox holds in `status`. */
async function inbox(tx: Tx, status: 'pending' | 'done'): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(webhookEvents).where(eq(webhookEvents.status, status));
  return row!.n;
}

/** The parent: the load, the figures and the check. */
async function bench(): Promise<void> {
  const channelSecret = randomBytes(16).toString('hex');
  const child = fork(import.meta.filename, ['--servers', channelSecret]);
  const ready = once(child, 'message') as Promise<[Urls]>;
  const exited = once(child, 'exit') as Promise<[number | null]>;
  void exited.then(([code]) => code === 0 || process.exit(1)); // the child has printed why

  // Made before the load, so that making them does not slow the load generator down.
  const users = Array.from({ length: 1000 }, lineUserId);
  const makeBody = (i: number): Body => {
    const event = textMessageEvent(users[i % users.length]!, `我要查點數 #${i}`);
    const raw = Buffer.from(JSON.stringify(webhookBody(event)));
    return { id: event.webhookEventId, raw, signature: sign(raw, channelSecret) };
  };
  const bodies = Array.from({ length: 8_000 * (SECONDS + WARM_UP_SECONDS) }, (_, i) => makeBody(i));
  let sent = 0;
  let reused = 0;
  /** The webhook uses each body once (more are made if they run out); the baseline reuses them. */
  const take = (webhook: boolean): Body => {
    if (!webhook) return bodies[reused++ % bodies.length]!;
    bodies[sent] ??= makeBody(sent);
    return bodies[sent++]!;
  };
  const acked = new Set<string>();
  let answers = 0;
  const [urls] = await ready;

  const load = (url: string, seconds: number, webhook: boolean) =>
    autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          setupRequest: (request, context: { id?: string }) => {
            const { id, raw, signature } = take(webhook);
            context.id = id;
            const headers = {
              'content-type': 'application/json; charset=utf-8',
              'x-line-signature': signature,
            };
            return { ...request, body: raw, headers };
          },
          onResponse: (status, _body, context: { id?: string }) => {
            if (!webhook || status < 200 || status > 299) return;
            acked.add(context.id!);
            answers++;
          },
        },
      ],
    });

  await load(urls.baseline, WARM_UP_SECONDS, false);
  const baseline = await load(urls.baseline, SECONDS, false);
  const warmUp = await load(urls.webhook, WARM_UP_SECONDS, true);
  const webhook = await load(urls.webhook, SECONDS, true);
  const reply = once(child, 'message') as Promise<[Stored]>;
  child.send('drain');
  const [stored] = await reply;

  const ratio = webhook.requests.average / baseline.requests.average;
  const p99 = webhook.latency.p99;
  const met = (yes: boolean) => (yes ? 'met' : 'NOT met');
  const row = (name: string, { requests, latency }: autocannon.Result) =>
    [name.padEnd(24), Math.round(requests.average), latency.p50, latency.p99].join('\t');
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up`);
  console.log(`${''.padEnd(24)}\treq/s\tp50 ms\tp99 ms`);
  console.log(`${row('bare Fastify POST /json', baseline)}\n${row('POST /webhook', webhook)}`);
  console.log(`ratio webhook / bare: ${ratio.toFixed(2)} (target >= 0.5: ${met(ratio >= 0.5)})`);
  console.log(`webhook p99: ${p99} ms (target < 25 ms: ${met(p99 < 25)})`);

  // A run's end cuts off the requests in flight (one per connection at most): they may be stored unanswered.
  const rows = stored.ids.length;
  const storedIds = new Set(stored.ids);
  const sentIds = new Set(bodies.slice(0, sent).map((body) => body.id));
  const lost = [...acked].filter((id) => !storedIds.has(id)).length;
  const cutOff = rows - (acked.size - lost);
  const failed = warmUp.non2xx + warmUp.errors + webhook.non2xx + webhook.errors + baseline.non2xx;
  const checks: [string, boolean][] = [
    ['every answer 2xx, no errors or timeouts', failed === 0],
    ['each event acknowledged once', answers === acked.size],
    ['every acknowledged event stored', lost === 0],
    ['nothing stored that was not sent', stored.ids.every((id) => sentIds.has(id))],
    ['unacknowledged only if cut off by a run end', cutOff <= 2 * CONNECTIONS],
    ['every stored event done', stored.done === rows],
    ['one chat message per stored event', stored.chat === rows],
  ];
  console.log(`\nevents: ${acked.size} acknowledged, ${rows} stored (${cutOff} cut off by a run's end),`);
  console.log(`        ${stored.done} done, ${stored.chat} with a chat message`);
  console.log(
    `processing backlog after the load: ${stored.backlog}, drained in ${Math.round(stored.drainMs)} ms`,
  );
  for (const [name, passed] of checks) console.log(`  ${passed ? 'ok  ' : 'FAIL'} ${name}`);
  const ok = checks.every(([, passed]) => passed);
  console.log(`every event persisted exactly once: ${ok ? 'yes' : 'NO'}`);
  await exited;
  process.exit(ok ? 0 : 1);
}
