import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, RouteOptions } from 'fastify';
import type { LiffSettings } from '../../config.ts';
import { createIdTokenVerifier, requireLiffIdentity } from '../../plugins/liff-identity.ts';
import { ConfigResponse } from '../../schemas/liff-api.ts';
import { campaignClickRoutes } from './campaign-clicks.ts';
import { cardRoutes } from './card.ts';
import { couponRoutes } from './coupons.ts';
import { memberRoutes } from './members.ts';
import { pointsRoutes } from './points.ts';

export interface LiffApiOptions {
  liff: LiffSettings;
  demo: boolean;
  /** How soon LINE's key set may be fetched again for an unknown key; tests set 0. */
  jwksCooldownMs?: number;
}

/**
 * Every member API route declares the shape of what it answers (bot/schemas/liff-api.ts), which the page reads
 * too: the app refuses to start otherwise, so that server and page cannot drift apart unseen.
 */
export function ensureTyped(route: RouteOptions) {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.every((method) => method === 'HEAD')) return;
  const response = (route.schema as { response?: object } | undefined)?.response;
  if (!response || Object.keys(response).length === 0) {
    throw new Error(`${methods.join(',')} ${route.url}: declare schema.response (bot/schemas/liff-api.ts)`);
  }
}

/** The member mini-app's API. Everything but the config needs a verified LIFF ID token. */
export const liffApi: FastifyPluginAsync<LiffApiOptions> = async (app, { liff, demo, jwksCooldownMs }) => {
  app.addHook('onRoute', ensureTyped);
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .get('/config', { schema: { response: { 200: ConfigResponse } } }, async () => ({
      liffId: liff.liffId,
      demo,
    }));

  await app.register(async (verified) => {
    const verify = createIdTokenVerifier(liff, app.clock, jwksCooldownMs);
    verified.decorateRequest('lineUserId', '');
    verified.addHook('onRequest', requireLiffIdentity(verify));
    await verified.register(memberRoutes);
    await verified.register(cardRoutes);
    await verified.register(pointsRoutes);
    await verified.register(couponRoutes);
    await verified.register(campaignClickRoutes);
  });
};
