import Fastify from 'fastify';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { ensureTyped } from './index.ts';

const appWith = (route: (app: ReturnType<typeof Fastify>) => void) => {
  const app = Fastify();
  app.addHook('onRoute', ensureTyped);
  route(app);
  return app;
};

describe('every member API route declares what it answers', () => {
  it('refuses to start with a route that declares no response', () => {
    expect(() => appWith((app) => app.get('/points', () => ({ balance: 0 })))).toThrow(
      /GET \/points: declare schema\.response/,
    );
    expect(() =>
      appWith((app) => app.post('/members', { schema: { body: Type.Object({}) } }, () => '')),
    ).toThrow(/POST \/members/);
  });

  it('starts with routes that declare their responses', async () => {
    const app = appWith((app) => {
      app.get('/points', { schema: { response: { 200: Type.Object({ balance: Type.Integer() }) } } }, () => ({
        balance: 0,
      }));
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
