import { randomBytes } from 'node:crypto';
import { type Db, openDatabase } from '../../db/client.ts';
import { openServerDatabase } from '../../db/server-database.ts';
import { type LineStandIn, type LineStandInOptions, startLineStandIn } from '../../line-stand-in/index.ts';
import { type AppOptions, buildApp } from '../app.ts';
import type { Clock } from '../domain/clock.ts';
import { createLineClients } from '../line/clients.ts';
import { sign } from './events.ts';

export const TEST_LOGIN_CHANNEL_ID = '1657000000';
export const TEST_LIFF_ID = '1657000000-TestLiff';

/** The options that wire an app to a LINE stand-in, quietly, with retries that do not wait. */
export function appOptionsFor(
  line: LineStandIn,
  { channelSecret, channelAccessToken }: { channelSecret: string; channelAccessToken: string },
  db: Db,
): AppOptions {
  return {
    db,
    line: createLineClients({
      channelSecret,
      channelAccessToken,
      apiBaseUrl: line.urls.api,
      dataApiBaseUrl: line.urls.data,
    }),
    channelSecret,
    liff: {
      liffId: TEST_LIFF_ID,
      loginChannelId: TEST_LOGIN_CHANNEL_ID,
      jwksUrl: `${line.urls.api}/oauth2/v2.1/certs`,
    },
    jwksCooldownMs: 0,
    logger: false,
    retryDelaysMs: [0, 0],
  };
}

/**
 * A product under test: a fresh in-memory database, the LINE stand-in, and the server listening on a free
 * loopback port so the stand-in can deliver webhooks to it for real.
 */
export async function startProduct(
  options: {
    clock?: Clock;
    standIn?: Partial<LineStandInOptions>;
    app?: Partial<AppOptions>;
    /** A database file, wired as bot/server.ts wires it (with the processor's own connection); else in memory. */
    databaseFile?: string;
  } = {},
) {
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(24).toString('base64url');
  const line = await startLineStandIn({
    channelSecret,
    channelAccessToken,
    loginChannelId: TEST_LOGIN_CHANNEL_ID,
    ...(options.clock && { now: () => options.clock!.now().getTime() }),
    ...options.standIn,
  });
  const file = options.databaseFile;
  const database = file ? openServerDatabase(file) : null;
  const db = database?.db ?? openDatabase(':memory:');
  const eventsDb = database?.eventsDb;
  const app = await buildApp({
    ...appOptionsFor(line, { channelSecret, channelAccessToken }, db),
    ...(eventsDb && { eventsDb }),
    ...(options.clock && { clock: options.clock }),
    ...options.app,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  line.setWebhookUrl(`${url}/webhook`);

  return {
    app,
    db,
    line,
    channelSecret,
    channelAccessToken,
    /** Sends a webhook body as LINE would, signed with the channel secret (or with the given signature). */
    postWebhook(body: string | object, signature?: string | null) {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (signature !== null) headers['x-line-signature'] = signature ?? sign(raw, channelSecret);
      return app.inject({ method: 'POST', url: '/webhook', headers, payload: raw });
    },
    /** Closes everything, and fails the test if the product sent LINE a request its OpenAPI spec refuses. */
    async close() {
      await app.close();
      await line.close();
      if (database) await database.close();
      else db.$client.close();
      if (line.violations.length > 0) {
        throw new Error(
          `The product sent LINE invalid requests:\n${JSON.stringify(line.violations, null, 2)}`,
        );
      }
    },
  };
}

export type Product = Awaited<ReturnType<typeof startProduct>>;
