// npm run bench:sign-in-burst: whether a burst of wrong staff sign-ins delays shoppers (ADR 0011).
//
//   node scripts/bench/sign-in-burst.ts [--engine sqlite|postgres]
//
// The product (server, LINE stand-in, a fresh database: SQLite on /dev/shm, or with --engine postgres a fresh
// database on TEST_DATABASE_URL's server, else the local one) runs in a child process, as bot/testing/harness.ts
// starts it for the tests, with TRUST_PROXY 1 so that each burst can come from an address of its own (the
// X-Forwarded-For header). A shopper follows the account and joins. This process then measures the member API,
// GET /api/liff/me with the shopper's ID token, from MEMBER_CLIENTS clients calling one after the other:
// 1. idle: the peer, on the same server in the same run, with nothing else to do;
// 2. during BENCH_ROUNDS bursts (default 5) of 200 wrong sign-ins sent at once from one address each: what the
//    probe did (the first 20 hashed, the rest refused);
// 3. during one burst of 200 from each of 10 addresses at once: 200 passwords to hash, more than the queue holds.
// Each prints the member API's p50 and p99, the sign-ins' answers, and the p99's ratio to the idle one.
// Target, printed and not enforced: the member API's p99 during a burst < 200 ms.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore, joinForm } from '../../bot/testing/members.ts';
import { conditionArgs, dialectOption } from '../engine-option.ts';

const TARGET_P99_MS = 200;
const BURST = 200;
const MEMBER_CLIENTS = 4;
const IDLE_CALLS = 400;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SPREAD_ADDRESSES = 10;

interface Ready {
  origin: string;
  idToken: string;
}

if (import.meta.main && process.send) await serve();
else if (import.meta.main) await bench();

/** The child: the product, a member, and their ID token for the parent. */
async function serve(): Promise<void> {
  const product = await startProduct({ app: { trustProxy: 1 } });
  const origin = product.app.listeningOrigin;
  const store = await addStore(product.engine);
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();
  const idToken = await product.line.shoppers.idToken(shopper.userId);
  const joined = await fetch(`${origin}/api/liff/members`, {
    method: 'POST',
    headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(joinForm(store.id)),
  });
  if (joined.status !== 201) throw new Error(`The shopper could not join: ${await joined.text()}`);
  process.once('disconnect', () => process.exit(1)); // the bench died
  process.send!({ origin, idToken } satisfies Ready);
  await once(process, 'message');
  await product.close();
  process.exit(0);
}

async function bench(): Promise<void> {
  const { values } = parseArgs({ options: { engine: { type: 'string' } } });
  const engine = dialectOption(values.engine, 'sqlite');
  const env = { ...process.env };
  if (engine === 'postgres') env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const child = fork(import.meta.filename, [], {
    execArgv: [...process.execArgv, ...conditionArgs(engine)],
    env,
  });
  const exited = once(child, 'exit');
  const [ready] = (await once(child, 'message')) as [Ready];
  const member = memberApi(ready);

  await member.callsFor(Promise.resolve(), 100); // warm-up: connections, the key set, the statement cache
  const idle = await member.callsFor(Promise.resolve(), IDLE_CALLS);
  const oneAddress: number[] = [];
  const oneAnswers: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const burst = signInBurst(ready, [`198.51.100.${round + 1}`]);
    oneAddress.push(...(await member.callsFor(burst, 0)));
    oneAnswers.push(...(await burst));
  }
  const addresses = Array.from({ length: SPREAD_ADDRESSES }, (_, i) => `203.0.113.${i + 1}`);
  const spread = signInBurst(ready, addresses);
  const spreadTimes = await member.callsFor(spread, 0);
  const spreadAnswers = await spread;
  child.send('close');
  await exited;

  const idleP99 = percentile(idle, 99);
  const row = (name: string, times: number[]) =>
    [
      name.padEnd(44),
      String(times.length).padStart(5),
      percentile(times, 50).toFixed(1).padStart(7),
      percentile(times, 99).toFixed(1).padStart(7),
      `${(percentile(times, 99) / idleP99).toFixed(1)}x`.padStart(7),
    ].join('  ');
  console.log(`\nGET /api/liff/me from ${MEMBER_CLIENTS} clients (${engine})`);
  console.log(`${''.padEnd(44)}  calls   p50 ms  p99 ms  p99/idle`);
  console.log(row('idle (the peer)', idle));
  console.log(row(`during ${ROUNDS} bursts of ${BURST} from one address`, oneAddress));
  console.log(row(`during ${BURST} from each of ${SPREAD_ADDRESSES} addresses at once`, spreadTimes));
  console.log(`\nSign-in answers, one address:   ${tally(oneAnswers)}`);
  console.log(`Sign-in answers, ${SPREAD_ADDRESSES} addresses: ${tally(spreadAnswers)}`);
  const worst = Math.max(percentile(oneAddress, 99), percentile(spreadTimes, 99));
  const met = worst < TARGET_P99_MS ? 'met' : 'NOT met';
  console.log(`\nTarget: the member API's p99 during a burst < ${TARGET_P99_MS} ms: ${met}`);
}

/** BURST wrong sign-ins from each address, all sent at once; resolves with their HTTP statuses. */
async function signInBurst({ origin }: Ready, addresses: string[]): Promise<number[]> {
  const sent = addresses.flatMap((address) =>
    Array.from({ length: BURST }, (_, i) =>
      fetch(`${origin}/api/staff/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ username: `guess${i}`, password: `guess number ${i}` }),
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      }),
    ),
  );
  return Promise.all(sent);
}

/** MEMBER_CLIENTS clients calling the member API one call after another; each call's milliseconds. */
function memberApi({ origin, idToken }: Ready) {
  const call = async () => {
    const start = performance.now();
    const response = await fetch(`${origin}/api/liff/me`, {
      headers: { authorization: `Bearer ${idToken}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /api/liff/me answered ${response.status}`);
    return performance.now() - start;
  };
  return {
    /** Calls until `until` settles and at least `calls` calls are made. */
    async callsFor(until: Promise<unknown>, calls: number): Promise<number[]> {
      let done = false;
      void until.finally(() => (done = true));
      const times: number[] = [];
      const client = async () => {
        while (!done || times.length < calls) times.push(await call());
      };
      await Promise.all(Array.from({ length: MEMBER_CLIENTS }, client));
      return times;
    },
  };
}

function percentile(times: number[], p: number): number {
  const sorted = times.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .toSorted(([a], [b]) => a - b)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
}
