import type { FastifyPluginAsync, RouteOptions } from 'fastify';
import { staffGate } from '../../plugins/staff-session.ts';
import { auditRoutes } from './audit.ts';
import { campaignResultsRoutes } from './campaign-results.ts';
import { campaignSendingRoutes } from './campaign-sending.ts';
import { campaignRoutes } from './campaigns.ts';
import { chatRoutes } from './chat.ts';
import { chatAdminRoutes } from './chat-admin.ts';
import { chatEventRoutes } from './chat-events.ts';
import { claimCodeRoutes } from './claim-codes.ts';
import { counterRoutes } from './counter.ts';
import { couponResultsRoutes } from './coupon-results.ts';
import { couponTemplateRoutes } from './coupon-templates.ts';
import { dashboardRoutes } from './dashboard.ts';
import { journeyRoutes } from './journeys.ts';
import { lineDeliveryRoutes } from './line-delivery.ts';
import { marketingSettingsRoutes } from './marketing-settings.ts';
import { memberIoRoutes } from './member-io.ts';
import { memberRoutes } from './members.ts';
import { pointsSettingsRoutes } from './points-settings.ts';
import { segmentRoutes } from './segments.ts';
import { sessionRoutes } from './session.ts';
import { staffRoutes } from './staff.ts';
import { storeRoutes } from './stores.ts';

/** The one staff route open to anyone: signing in. */
const open = new Set(['POST /session']);

const hooks = (hook: RouteOptions['onRequest'] | RouteOptions['preHandler']) =>
  (Array.isArray(hook) ? hook : hook ? [hook] : []) as unknown as Record<symbol, unknown>[];

/**
 * Every staff route checks who asks before Fastify parses and validates the body, so a role that may not act
 * gets 403 and never a 400 that tells it what the body should be: the app refuses to start otherwise.
 */
export function ensureGated(route: RouteOptions & { routePath: string }) {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.every((method) => method === 'HEAD' || open.has(`${method} ${route.routePath}`))) return;
  const gated = hooks(route.onRequest).some((hook) => hook[staffGate]);
  const late = hooks(route.preHandler).some((hook) => hook[staffGate]);
  if (!gated || late) {
    throw new Error(
      `${methods.join(',')} ${route.url}: put requireStaff(...) in onRequest, not later or nowhere`,
    );
  }
}

/** The staff console's API under /api/staff: signing in, stores, staff, the audit log, the counter,
 * and what LINE would not deliver. */
export const staffConsoleApi: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', ensureGated);
  await app.register(sessionRoutes);
  await app.register(storeRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
  await app.register(counterRoutes);
  await app.register(claimCodeRoutes);
  await app.register(pointsSettingsRoutes);
  await app.register(lineDeliveryRoutes);
  await app.register(couponTemplateRoutes);
  await app.register(couponResultsRoutes);
  await app.register(segmentRoutes);
  await app.register(campaignSendingRoutes);
  await app.register(campaignResultsRoutes);
  await app.register(dashboardRoutes);
  await app.register(campaignRoutes);
  await app.register(journeyRoutes);
  await app.register(marketingSettingsRoutes);
  await app.register(chatRoutes);
  await app.register(chatEventRoutes);
  await app.register(chatAdminRoutes);
  await app.register(memberRoutes);
  await app.register(memberIoRoutes);
};
