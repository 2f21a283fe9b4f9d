// npm run bench:chat: how soon an incoming shopper message reaches every connected staff console (issue 15).
//
//   node scripts/bench/chat.ts [--consoles 1000] [--rate 100] [--seconds 30] [--shoppers 200]
//
// Four processes on this machine: the server (bot/app.ts on a fresh database from db/test-engine.ts: SQLite, or
// PostgreSQL when TEST_DATABASE_URL is set), the LINE stand-in (line-process.ts), the consoles (chat-consoles.ts:
// --consoles staff consoles holding GET /api/staff/chat/events open, over ten admin sessions, as server-sent
// events over plain HTTP) and this one, which plays the shoppers through the stand-in's control API: --rate text
// messages a second for --seconds (after 3 s of warm-up, not counted), each delivered by the stand-in to the
// server's webhook, signed, as LINE delivers it. Fan-out latency, per message per console: from the moment the
// webhook answered LINE (the stand-in's delivery: its start plus its latency) to the moment the console read the
// message's event. Printed: its p50, p95, p99 and maximum, the messages that never arrived, the server's peak RSS
// (its own process) and its CPU time per message (steadier than latency on a machine shared with other work), and
// the peer measured in the same run: the webhook's own latency, with fan-out p99 / webhook p99 as a ratio. Target,
// printed and never enforced: fan-out p99 < 1 s.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { buildApp } from '../../bot/app.ts';
import { createLineClients } from '../../bot/line/clients.ts';
import { TEST_LIFF_ID, TEST_LOGIN_CHANNEL_ID } from '../../bot/testing/harness.ts';
import { addStaff, signedIn } from '../../bot/testing/staff.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import type { Delivery } from '../../line-stand-in/types.ts';
import type { ConsolesAsk, ConsolesStart, FanOut } from './chat-consoles.ts';
import { percentiles } from './chat-consoles.ts';
import { startLineProcess } from './line-process.ts';

const TARGET_P99_MS = 1000;
const WARM_UP_SECONDS = 3;
const SESSIONS = 10;
/** After the last message, how long the consoles may take before what is missing counts as lost. */
const GRACE_MS = 10_000;

type LineUrls = { api: string; data: string };
type Secrets = { channelSecret: string; channelAccessToken: string };
type ServerReady = { url: string; cookies: string[] };
type ServerAsk = 'rss' | 'cpu' | 'close';

if (process.argv[2] === '--server') await serve();
else await bench();

/** The server's process: the app on a fresh database, ten admins signed in (their cookies go to the consoles). */
async function serve(): Promise<void> {
  const [{ urls, secrets }] = (await once(process, 'message')) as [{ urls: LineUrls; secrets: Secrets }];
  process.once('disconnect', () => process.exit(1)); // the bench died
  const engine = await openTestEngine();
  const app = await buildApp({
    engine,
    line: createLineClients({ ...secrets, apiBaseUrl: urls.api, dataApiBaseUrl: urls.data }),
    channelSecret: secrets.channelSecret,
    liff: {
      liffId: TEST_LIFF_ID,
      loginChannelId: TEST_LOGIN_CHANNEL_ID,
      jwksUrl: `${urls.api}/oauth2/v2.1/certs`,
    },
    logger: false,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const cookies: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    await addStaff(engine, `bench-admin-${i}`, 'admin');
    cookies.push((await signedIn(app, `bench-admin-${i}`)).cookie.value);
  }
  process.send!({ url, cookies } satisfies ServerReady);
  for (;;) {
    const [ask] = (await once(process, 'message')) as [ServerAsk];
    if (ask === 'close') break;
    // CPU: the server's own user and system time so far, in µs (system time is mostly its socket writes).
    if (ask === 'cpu') process.send!(process.cpuUsage());
    else process.send!(process.resourceUsage().maxRSS * 1024);
  }
  await app.close();
  await engine.close();
  process.exit(0);
}

/** A child process that answers one message per ask. */
function child(file: string, args: string[] = []) {
  const proc = fork(file, args);
  void once(proc, 'exit').then(([code]) => code === 0 || process.exit(1)); // it printed why
  return {
    proc,
    ask: async <T>(message: unknown): Promise<T> => {
      const answer = once(proc, 'message');
      proc.send(message as object);
      return ((await answer) as [T])[0];
    },
  };
}

async function bench(): Promise<void> {
  const { values } = parseArgs({
    options: {
      consoles: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      shoppers: { type: 'string' },
    },
  });
  const consoles = Number(values.consoles ?? 1000);
  const rate = Number(values.rate ?? 100);
  const seconds = Number(values.seconds ?? 30);
  const shopperCount = Number(values.shoppers ?? 200);
  const warmUp = WARM_UP_SECONDS * rate;
  const total = warmUp + seconds * rate;

  const secrets: Secrets = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(24).toString('base64url'),
  };
  const line = await startLineProcess({
    ...secrets,
    loginChannelId: TEST_LOGIN_CHANNEL_ID,
    limits: { monthlyQuota: null },
  });
  const server = child(import.meta.filename, ['--server']);
  const { url, cookies } = await server.ask<ServerReady>({ urls: line.urls, secrets });
  const control = async <T>(method: string, path: string, body?: object): Promise<T> => {
    const response = await fetch(`${line.urls.api}/_stand-in${path}`, {
      method,
      ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  await control('PUT', '/webhook', { url: `${url}/webhook` });
  const shoppers: string[] = [];
  for (let i = 0; i < shopperCount; i++) {
    const { userId } = await control<{ userId: string }>('POST', '/shoppers', {});
    await control('POST', `/shoppers/${userId}/follow`);
    shoppers.push(userId);
  }

  const consolesProcess = child(new URL('./chat-consoles.ts', import.meta.url).pathname);
  const start: ConsolesStart = { url, cookies, consoles, messages: total };
  const connected = await consolesProcess.ask<string>(start);
  console.log(`${consoles} consoles ${connected} over ${SESSIONS} admin sessions; ${shopperCount} shoppers`);

  // Each message at its own moment of a steady rate, however long the ones before take.
  const accepted = new Array<number>(total).fill(Number.NaN);
  const webhookMs = new Float64Array(total).fill(Number.NaN);
  let refused = 0;
  const refusals = new Map<number | string, number>();
  let unsent = 0;
  const cpuBefore = await server.ask<NodeJS.CpuUsage>('cpu' satisfies ServerAsk);
  const began = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = began + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const userId = shoppers[i % shoppers.length]!;
    const text = `請問今天營業到幾點?〔${i}〕`;
    sends.push(
      control<Delivery>('POST', `/shoppers/${userId}/messages`, { type: 'text', text }).then(
        (delivery) => {
          if (delivery.status !== 200) {
            const why = delivery.status ?? (delivery.timedOut ? 'timed out' : 'no answer');
            refusals.set(why, (refusals.get(why) ?? 0) + 1);
            return void refused++;
          }
          accepted[i] = delivery.at + delivery.latencyMs;
          webhookMs[i] = delivery.latencyMs;
        },
        () => void unsent++, // the stand-in was not reached: the message never was
      ),
    );
  }
  await Promise.all(sends);
  const sentSeconds = (performance.now() - began) / 1000;
  const expected = (total - refused - unsent) * consoles;
  const deadline = performance.now() + GRACE_MS;
  while ((await consolesProcess.ask<number>({ count: true } satisfies ConsolesAsk)) < expected) {
    if (performance.now() > deadline) break;
    await sleep(200);
  }
  const fanOut = await consolesProcess.ask<FanOut>({
    figures: { accepted, from: warmUp },
  } satisfies ConsolesAsk);
  const rss = await server.ask<number>('rss' satisfies ServerAsk);
  const cpuAfter = await server.ask<NodeJS.CpuUsage>('cpu' satisfies ServerAsk);
  const cpuSeconds = (key: 'user' | 'system') => (cpuAfter[key] - cpuBefore[key]) / 1e6;
  const runSeconds = (performance.now() - began) / 1000;
  const webhook = percentiles(
    webhookMs.subarray(warmUp).filter((_, i) => !Number.isNaN(accepted[warmUp + i])),
  );

  // A figure of no values (NaN, null once it crossed the process boundary) prints as a dash.
  const ms = (value: number | null) =>
    value === null || Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`;
  const met = (yes: boolean) => (yes ? 'met' : 'NOT met');
  console.log(
    `${total - warmUp} messages counted (${warmUp} of warm-up before), ${rate}/s for ${seconds} s ` +
      `(sent in ${sentSeconds.toFixed(1)} s); not accepted by the webhook ${refused}, ` +
      `not reaching the stand-in ${unsent}`,
  );
  if (refused > 0)
    console.log(`webhook answers other than 200: ${JSON.stringify(Object.fromEntries(refusals))}`);
  console.log(`engine: ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
  const load = loadavg().map((value) => value.toFixed(2));
  console.log(`load average (1, 5, 15 min): ${load.join(', ')} on ${availableParallelism()} CPUs`);
  console.log(`\n${''.padEnd(30)}\tp50\tp95\tp99\tmax`);
  const row = (name: string, f: { p50: number; p95: number; p99: number; max: number }) =>
    console.log([name.padEnd(30), ms(f.p50), ms(f.p95), ms(f.p99), ms(f.max)].join('\t'));
  row('fan-out (webhook → console)', fanOut);
  row('peer: the webhook itself', webhook);
  console.log(
    `\nreceived ${fanOut.received} of ${fanOut.expected} message events (${consoles} consoles each)`,
  );
  console.log(`ratio fan-out p99 / webhook p99: ${(fanOut.p99 / webhook.p99).toFixed(1)}`);
  console.log(`server peak RSS: ${Math.round(rss / 1024 / 1024)} MiB`);
  const cpu = cpuSeconds('user') + cpuSeconds('system');
  console.log(
    `server CPU from the first message to the last event: ${cpu.toFixed(1)} s ` +
      `(${cpuSeconds('user').toFixed(1)} user, ${cpuSeconds('system').toFixed(1)} system) in ` +
      `${runSeconds.toFixed(1)} s, ${((1000 * cpu) / total).toFixed(1)} ms per message`,
  );
  console.log(
    `fan-out p99: ${ms(fanOut.p99)} (target < 1 s: ${met(Number.isFinite(fanOut.p99) && fanOut.p99 < TARGET_P99_MS)})`,
  );

  const { violations } = await line.record('');
  if (violations > 0) console.log(`LINE stand-in violations: ${violations}`);
  consolesProcess.proc.send('close' satisfies ConsolesAsk);
  server.proc.send('close' satisfies ServerAsk);
  await Promise.all([once(consolesProcess.proc, 'exit'), once(server.proc, 'exit')]);
  await line.close();
  process.exit(0);
}
