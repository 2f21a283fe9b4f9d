import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { noticesOverQuota } from '../../domain/notices-outbox.ts';
import { requireStaff } from '../../plugins/staff-session.ts';
import { LineDelivery } from '../../schemas/staff-api.ts';

/** For the console's warning: notices LINE refused this month because the message quota was used up. */
export const lineDeliveryRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/line-delivery',
    { onRequest: requireStaff('line_delivery.read'), schema: { response: { 200: LineDelivery } } },
    async () => ({ overQuota: await noticesOverQuota(app.engine, app.clock.now()) }),
  );
};
