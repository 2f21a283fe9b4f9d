import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { demoStaff } from './demo-seed.ts';
import { type ServerProcess, startServerProcess } from './testing/server-process.ts';

let server: ServerProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  server?.child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('starts the demo with one banner naming every page, after the start-up logs, and a home page at /', async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-'));
  server = await startServerProcess({ PORT: '0', DATABASE_PATH: join(dir, 'demo.db'), LOG_LEVEL: 'info' });
  const lines = server.output().split('\n');
  const first = lines.findIndex((line) => line.startsWith('Membership server listening on'));
  const end = lines.indexOf('', first);
  expect(end).toBeGreaterThan(first);
  const banner = lines.slice(first, end);
  // JSON log lines before it, none inside it.
  expect(lines.slice(0, first).some((line) => line.startsWith('{'))).toBe(true);
  expect(banner.filter((line) => line.startsWith('{'))).toEqual([]);
  expect(banner[0]).toContain('(好日子咖啡)');
  const text = banner.join('\n');
  for (const page of [
    '/liff/member/',
    '/liff/clerk/',
    '/liff/staff/',
    '/_stand-in/phone/',
    `${server.url}/`,
  ]) {
    expect(text).toContain(page);
  }
  for (const s of demoStaff) expect(text).toContain(`${s.username} / ${s.password}`);

  const phoneUrl = /Phone \(be a shopper in LINE\):\s+(\S+)/.exec(text)![1]!;
  const home = await (await fetch(`${server.url}/`)).text();
  expect(home).toContain(`<a href="${phoneUrl}">`);
  const config = await (await fetch(new URL('/_stand-in/config', phoneUrl))).json();
  // Started on PORT=0, the stand-in still learns where the server listens.
  expect(config).toMatchObject({ botName: '好日子咖啡', liffUrl: `${server.url}/liff/member/` });
  const webhook = await (await fetch(new URL('/_stand-in/webhook', phoneUrl))).json();
  expect(webhook).toEqual({ url: `${server.url}/webhook` });
  expect(await server.stop()).toBe(0);
});
