import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TestEngine } from '../db/engine.ts';
import { openTestEngine } from '../db/test-engine.ts';
import { findFriend } from './domain/friends.ts';
import { lineUserId, sign, unfollowEvent, webhookBody } from './testing/events.ts';

let engine: TestEngine;
let server: ChildProcess | undefined;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(async () => {
  server?.kill('SIGKILL');
  await engine.close();
});

/** Starts the server as npm start does, on the test's database, and resolves with its URL once it listens. */
async function startServerProcess(env: Record<string, string>) {
  server = spawn(process.execPath, ['--import', './db/select-engine.ts', 'bot/server.ts'], {
    env: { PATH: process.env.PATH, ...engine.env, ...env },
  });
  let output = '';
  server.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  while (!/listening on (http:\S+)/.test(output)) await once(server.stdout!, 'data');
  return { url: /listening on (http:\S+)/.exec(output)![1]!, output: () => output };
}

it('serves webhooks, then on SIGTERM stops, keeps what it stored and exits 0', async () => {
  const secret = 'b'.repeat(32);
  const { url } = await startServerProcess({
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
  const response = await fetch(`${url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(raw, secret) },
    body: raw,
  });
  expect(response.status).toBe(200);

  server!.kill('SIGTERM');
  const [code] = await once(server!, 'exit');
  expect(code).toBe(0);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();

  expect(await engine.read((tx) => findFriend(tx, userId))).toMatchObject({ status: 'blocked' });
});
