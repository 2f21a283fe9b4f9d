import type { FastifyPluginAsync } from 'fastify';
import type { LiffSettings } from '../../config.ts';
import { createIdTokenVerifier, requireLiffIdentity } from '../../plugins/liff-identity.ts';
import { cardRoutes } from './card.ts';
import { memberRoutes } from './members.ts';
import { pointsRoutes } from './points.ts';

export interface LiffApiOptions {
  liff: LiffSettings;
  demo: boolean;
  /** How soon LINE's key set may be fetched again for an unknown key; tests set 0. */
  jwksCooldownMs?: number;
}

/** The member mini-app's API. Everything but the config needs a verified LIFF ID token. */
export const liffApi: FastifyPluginAsync<LiffApiOptions> = async (app, { liff, demo, jwksCooldownMs }) => {
  app.get('/config', async () => ({ liffId: liff.liffId, demo }));

  await app.register(async (verified) => {
    const verify = createIdTokenVerifier(liff, app.clock, jwksCooldownMs);
    verified.decorateRequest('lineUserId', '');
    verified.addHook('onRequest', requireLiffIdentity(verify));
    await verified.register(memberRoutes);
    await verified.register(cardRoutes);
    await verified.register(pointsRoutes);
  });
};
