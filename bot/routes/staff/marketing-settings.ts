import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { planTable } from '../../domain/campaigns/plans.ts';
import {
  type MarketingSettings,
  readMarketingSettings,
  type SettingsChanges,
  updateMarketingSettings,
} from '../../domain/campaigns/settings.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { MarketingSettingsChanges, MarketingSettingsView } from '../../schemas/campaigns-api.ts';

const settingsView = (s: MarketingSettings) => ({
  ...s,
  planTable: planTable(s.plans),
  updatedAt: s.updatedAt?.toISOString() ?? null,
});

/** The brand's marketing rules: those who see campaigns read them (the composer shows them), admins change them. */
export const marketingSettingsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/marketing-settings',
    { onRequest: requireStaff('campaign.read'), schema: { response: { 200: MarketingSettingsView } } },
    async () => settingsView(await readMarketingSettings(app.engine)),
  );

  app.patch(
    '/marketing-settings',
    {
      onRequest: requireStaff('marketing_settings.edit'),
      schema: { body: MarketingSettingsChanges, response: { 200: MarketingSettingsView } },
    },
    async (request) =>
      settingsView(
        await updateMarketingSettings(
          app.engine,
          request.body as SettingsChanges,
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );
};
