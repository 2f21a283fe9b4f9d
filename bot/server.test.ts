import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TestEngine } from '../db/engine.ts';
import { openTestEngine } from '../db/test-engine.ts';
import { findFriend } from './domain/friends.ts';
import { lineUserId, sign, unfollowEvent, webhookBody } from './testing/events.ts';
import { type ServerProcess, startServerProcess } from './testing/server-process.ts';

let engine: TestEngine;
let server: ServerProcess | undefined;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(async () => {
  server?.child.kill('SIGKILL');
  await engine.close();
});

it('serves webhooks, then on SIGTERM stops, keeps what it stored and exits 0', async () => {
  const secret = 'b'.repeat(32);
  server = await startServerProcess({
    ...engine.env,
    PORT: '0',
    LINE_CHANNEL_SECRET: secret,
    LINE_CHANNEL_ACCESS_TOKEN: 'token',
    LINE_LOGIN_CHANNEL_ID: '1657000000',
    LIFF_ID: '1657000000-AbCdEfGh',
    LINE_API_BASE_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'warn',
  });
  const userId = lineUserId();
  const raw = JSON.stringify(webhookBody(unfollowEvent(userId)));
  const response = await fetch(`${server.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(raw, secret) },
    body: raw,
  });
  expect(response.status).toBe(200);

  expect(await server.stop()).toBe(0);
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

  expect(await engine.read((tx) => findFriend(tx, userId))).toMatchObject({ status: 'blocked' });
});
