import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { EarnRule } from '../../domain/earn-rules.ts';
import type { PointsPolicy } from '../../domain/points-policy.ts';
import {
  createEarnRule,
  pointsSettings,
  type RuleFields,
  updateEarnRule,
  updatePolicy,
} from '../../domain/points-settings.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  EarnRuleChangesBody,
  EarnRuleView,
  NewEarnRuleBody,
  PointsSettings,
  PolicyChangesBody,
  PolicyView,
} from '../../schemas/points-settings-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const policyView = ({ id: _, updatedAt, ...policy }: PointsPolicy) => ({
  ...policy,
  updatedAt: updatedAt.toISOString(),
});
const ruleView = ({ createdAt: _, updatedAt, startsAt, endsAt, ...rule }: EarnRule) => ({
  ...rule,
  startsAt: startsAt?.toISOString() ?? null,
  endsAt: endsAt?.toISOString() ?? null,
  updatedAt: updatedAt.toISOString(),
});
const dates = <T extends { startsAt?: string | null; endsAt?: string | null }>(body: T) => ({
  ...body,
  ...(body.startsAt !== undefined && { startsAt: body.startsAt ? new Date(body.startsAt) : null }),
  ...(body.endsAt !== undefined && { endsAt: body.endsAt ? new Date(body.endsAt) : null }),
});

/** How points are earned and redeemed: points_rules.read reads it, points_rules.edit changes it. */
export const pointsSettingsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('points_rules.read');
  const admin = requireStaff('points_rules.edit');

  app.get(
    '/points-settings',
    { onRequest: readers, schema: { response: { 200: PointsSettings } } },
    async () => {
      const { policy, rules } = await pointsSettings(app.engine);
      return { policy: policyView(policy), rules: rules.map(ruleView) };
    },
  );

  app.patch(
    '/points-policy',
    { onRequest: admin, schema: { body: PolicyChangesBody, response: { 200: PolicyView } } },
    async (request) =>
      policyView(await updatePolicy(app.engine, request.body, actorOf(request), app.clock.now())),
  );

  app.post(
    '/earn-rules',
    { onRequest: admin, schema: { body: NewEarnRuleBody, response: { 201: EarnRuleView } } },
    async (request, reply) => {
      const rule = await createEarnRule(
        app.engine,
        dates(request.body) as RuleFields,
        actorOf(request),
        app.clock.now(),
      );
      return reply.code(201).send(ruleView(rule));
    },
  );

  app.patch(
    '/earn-rules/:id',
    {
      onRequest: admin,
      schema: { params: IdParams, body: EarnRuleChangesBody, response: { 200: EarnRuleView } },
    },
    async (request) =>
      ruleView(
        await updateEarnRule(
          app.engine,
          request.params.id,
          dates(request.body) as Partial<RuleFields>,
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );
};
