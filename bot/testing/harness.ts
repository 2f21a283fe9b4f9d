import { randomBytes } from 'node:crypto';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
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
  engine: Engine,
  { lineTimeoutMs }: { lineTimeoutMs?: number } = {},
): AppOptions {
  return {
    engine,
    line: createLineClients(
      { channelSecret, channelAccessToken, apiBaseUrl: line.urls.api, dataApiBaseUrl: line.urls.data },
      { timeoutMs: lineTimeoutMs },
    ),
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
 * A product under test: a fresh database (db/test-engine.ts: SQLite, or PostgreSQL in the suite's PostgreSQL
 * run), the LINE stand-in, and the server listening on a free loopback port so the stand-in can deliver
 * webhooks to it for real.
 */
export async function startProduct(
  options: {
    clock?: Clock;
    standIn?: Partial<LineStandInOptions>;
    app?: Partial<AppOptions>;
    /** An engine of the test's own (a second instance on the same database); else a fresh one, closed with it. */
    engine?: Engine;
    /** How long the product waits for a LINE call (bot/line/clients.ts). */
    lineTimeoutMs?: number;
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
  const ownEngine = options.engine === undefined;
  const engine = options.engine ?? (await openTestEngine());
  const app = await buildApp({
    ...appOptionsFor(line, { channelSecret, channelAccessToken }, engine, {
      lineTimeoutMs: options.lineTimeoutMs,
    }),
    ...(options.clock && { clock: options.clock }),
    ...options.app,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  line.setWebhookUrl(`${url}/webhook`);

  return {
    app,
    engine,
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
      if (ownEngine) await engine.close();
      if (line.violations.length > 0) {
        throw new Error(
          `The product sent LINE invalid requests:\n${JSON.stringify(line.violations, null, 2)}`,
        );
      }
    },
  };
}

export type Product = Awaited<ReturnType<typeof startProduct>>;
