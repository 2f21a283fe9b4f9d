import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireStaff } from '../../plugins/staff-session.ts';
import { ensureGated } from './index.ts';

const appWith = (route: (app: ReturnType<typeof Fastify>) => void) => {
  const app = Fastify();
  app.addHook('onRoute', ensureGated);
  route(app);
  return app;
};

describe('every staff route checks who asks before the body', () => {
  it('refuses to start with a route gated after validation, or not gated at all', () => {
    expect(() =>
      appWith((app) => app.post('/staff', { preHandler: requireStaff('staff.manage') }, () => '')),
    ).toThrow(/POST \/staff: put requireStaff\(\.\.\.\) in onRequest/);
    expect(() => appWith((app) => app.get('/audit', () => ''))).toThrow(/GET \/audit/);
  });

  it('starts with routes gated in onRequest, and with sign-in open', async () => {
    const app = appWith((app) => {
      app.post('/staff', { onRequest: requireStaff('staff.manage') }, () => '');
      app.post('/session', () => '');
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
