import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { liffPages } from './liff-pages.ts';

describe('the built pages', () => {
  it('go gzip-compressed, from the file the build wrote, to a browser that accepts it, and plain to one that does not', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'liff-pages-'));
    const dir = join(parent, 'liff-app');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    const script = 'console.log("會員卡");'.repeat(100);
    writeFileSync(join(dir, 'assets', 'member-abc.js'), script);
    writeFileSync(join(dir, 'assets', 'member-abc.js.gz'), gzipSync(script));
    const app = Fastify();
    await app.register(liffPages, { dir });
    const gzipped = await app.inject({
      url: '/liff/assets/member-abc.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toContain('immutable');
    expect(gzipped.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const plain = await app.inject({ url: '/liff/assets/member-abc.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    await app.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('tell the clerk page its LIFF app, never cached, or null when there is none', async () => {
    for (const clerkLiffId of ['1657000000-IjKlMnOp', undefined]) {
      const app = Fastify({ logger: false });
      await app.register(liffPages, { dir: join(tmpdir(), 'no-pages-here'), clerkLiffId });
      const answer = await app.inject({ url: '/liff/clerk/config.json' });
      expect(answer.json()).toEqual({ liffId: clerkLiffId ?? null });
      expect(answer.headers['cache-control']).toBe('no-cache');
      await app.close();
    }
  });
});
