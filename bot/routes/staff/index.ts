import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.ts';
import { checkoutRoutes } from './checkout.ts';
import { claimCodeRoutes } from './claim-codes.ts';
import { lineDeliveryRoutes } from './line-delivery.ts';
import { pointsSettingsRoutes } from './points-settings.ts';
import { sessionRoutes } from './session.ts';
import { staffRoutes } from './staff.ts';
import { storeRoutes } from './stores.ts';

/** The staff console's API under /api/staff: signing in, stores, staff, the audit log, the counter,
 * and what LINE would not deliver. */
export const staffConsoleApi: FastifyPluginAsync = async (app) => {
  await app.register(sessionRoutes);
  await app.register(storeRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
  await app.register(checkoutRoutes);
  await app.register(claimCodeRoutes);
  await app.register(pointsSettingsRoutes);
  await app.register(lineDeliveryRoutes);
};
