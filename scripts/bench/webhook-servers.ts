import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../../bot/app.ts';
import { createLineClients } from '../../bot/line/clients.ts';
import { openDatabase } from '../../db/client.ts';
import { chatMessages, webhookEvents } from '../../db/schema.ts';

/**
 * The benchmark's servers, in their own process: the real app on a temporary database file, and a bare Fastify
 * app with one JSON route. Tells the parent their URLs; on 'count', reports what the inbox holds once drained.
 */
export async function startBenchServers(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
  const db = openDatabase(join(dir, 'membership.db'));
  const eventsDb = openDatabase(join(dir, 'membership.db'), { synchronous: 'NORMAL' });
  const channelSecret = randomBytes(16).toString('hex');
  // Text messages need no LINE call, so LINE's hosts point nowhere.
  const nowhere = 'http://127.0.0.1:9';
  const app = await buildApp({
    db,
    eventsDb,
    line: createLineClients({
      channelSecret,
      channelAccessToken: 'bench',
      apiBaseUrl: nowhere,
      dataApiBaseUrl: nowhere,
    }),
    channelSecret,
    liff: { liffId: '1657000000-BenchLif', loginChannelId: '1657000000', jwksUrl: `${nowhere}/certs` },
    logger: false,
  });
  const bare = Fastify({ logger: false });
  bare.post('/json', async (request) => (typeof request.body === 'object' ? {} : {}));

  const webhookUrl = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhook`;
  const baselineUrl = `${await bare.listen({ port: 0, host: '127.0.0.1' })}/json`;
  process.send!({ baselineUrl, webhookUrl, channelSecret });

  process.on('message', async () => {
    await app.events.idle();
    const total = (where?: ReturnType<typeof eq>) =>
      db.select({ n: count() }).from(webhookEvents).where(where).get()!.n;
    process.send!({
      events: total(),
      done: total(eq(webhookEvents.status, 'done')),
      chat: db.select({ n: count() }).from(chatMessages).get()!.n,
    });
    await Promise.all([app.close(), bare.close()]);
    eventsDb.$client.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}
