// The servers of bench:checkout, in a child process of their own (started by checkout.ts with the database's URL
// and the run's name, under the engine-postgres condition for PostgreSQL). It warms the database's cache, then runs
// on 127.0.0.1 the real app wired as bot/server.ts wires it (openEngine, buildApp) and a bare Fastify app whose
// POST /json parses the body and answers {}. LINE is played by the LINE stand-in in a third process, so that the
// notice sender really pushes each purchase's Flex message but LINE's side of it does not run on the product's
// event loop. It signs up a clerk at a store if there is none yet. On the parent's 'drain' it drains the pushes
// and reports what the database holds. bench:dashboard runs the same servers with work of its own beside them
// (`beside`, dashboard-servers.ts).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { buildApp } from '../../bot/app.ts';
import { commandLine } from '../../bot/domain/actor.ts';
import { createStaff, findStaffByUsername } from '../../bot/domain/staff.ts';
import { createLineClients } from '../../bot/line/clients.ts';
import { type Engine, openEngine } from '../../db/engine.ts';
import { createState } from '../../line-stand-in/state.ts';
import { benchSetting, whatWasStored } from './checkout-database.ts';
import { CLERK, POOL, type Ready, type Stored } from './checkout-setting.ts';
import { startLineProcess } from './line-process.ts';
import { warmCache } from './warm-cache.ts';

if (import.meta.main) await serve(process.argv[2]!, process.argv[3]!);

/** `beside` runs in the servers' process once they are up, before the parent hears they are ready. */
export async function serve(
  url: string,
  run: string,
  beside: (engine: Engine) => Promise<void> = async () => {},
): Promise<void> {
  await warmCache(url);
  const engine = await openEngine({ url });
  const setting = await benchSetting(engine, POOL);
  if (!(await engine.read((tx) => findStaffByUsername(tx, CLERK.username)))) {
    await createStaff(
      engine,
      { ...CLERK, displayName: '壓測店員', role: 'clerk', storeIds: [setting.storeId] },
      commandLine,
      new Date(),
    );
  }
  // In the LINE stand-in a friend for each member bound to LINE, so each purchase's push lands.
  const state = createState();
  for (const { lineUserId, language } of setting.members) {
    if (!lineUserId || !language) continue;
    state.shoppers[lineUserId] = {
      userId: lineUserId,
      displayName: '會員',
      pictureUrl: `https://profile.line-scdn.net/${lineUserId}`,
      language,
      friendship: 'friend',
    };
    state.followOrder.push(lineUserId);
  }
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(24).toString('base64url');
  const loginChannelId = '1657000000';
  // A brand with a million members is on a paid plan: no monthly quota of 200 messages.
  const limits = { monthlyQuota: 100_000_000 };
  const line = await startLineProcess({ channelSecret, channelAccessToken, loginChannelId, state, limits });
  const app = await buildApp({
    engine,
    line: createLineClients({
      channelSecret,
      channelAccessToken,
      apiBaseUrl: line.urls.api,
      dataApiBaseUrl: line.urls.data,
    }),
    channelSecret,
    liff: {
      liffId: `${loginChannelId}-Bench`,
      loginChannelId,
      jwksUrl: `${line.urls.api}/oauth2/v2.1/certs`,
    },
    logger: false,
  });
  const bare = Fastify({ logger: false });
  bare.post('/json', async () => ({}));
  process.once('disconnect', () => process.exit(1)); // the parent died
  const ready: Ready = {
    app: await app.listen({ port: 0, host: '127.0.0.1' }),
    baseline: `${await bare.listen({ port: 0, host: '127.0.0.1' })}/json`,
    storeId: setting.storeId,
    members: setting.members.map(({ id, balance, memberNumber, cardId, cardSecret }) => ({
      id,
      balance,
      memberNumber,
      cardId,
      cardSecret,
    })),
    policy: setting.policy,
    backlog: setting.backlog,
  };
  await beside(engine);
  process.send!(ready);

  await new Promise<void>((drain) => process.on('message', (m) => m === 'drain' && drain()));
  await sleep(100); // requests cut off when the load stopped are still answered
  const start = performance.now();
  await app.notices.idle();
  const drainMs = performance.now() - start;
  const stored: Stored = { ...(await whatWasStored(engine, run, setting.marks)), drainMs };
  await Promise.all([app.close(), bare.close(), line.close()]);
  await engine.close();
  process.send!(stored, () => process.exit(0));
}
