import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import type { JourneyKind } from '../../../db/schema/journeys.ts';
import { getJourney, type Journey, listJourneys, updateJourney } from '../../domain/journeys/journeys.ts';
import { journeySchedule, type NextRun } from '../../domain/journeys/next-run.ts';
import { journeyDays } from '../../domain/journeys/report.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  JourneyChangesBody,
  JourneyDetailView,
  JourneyParams,
  JourneyView,
} from '../../schemas/journeys-api.ts';

const journeyView = (j: Journey, runs: Record<JourneyKind, NextRun>) => {
  const next = runs[j.kind];
  return {
    kind: j.kind,
    enabled: j.enabled,
    message: j.message as unknown as Record<string, unknown>,
    delayDays: j.delayDays,
    updatedAt: j.updatedAt?.toISOString() ?? null,
    nextRun: { ...next, by: next.by.toISOString(), sendsFrom: next.sendsFrom.toISOString() },
  };
};

/** The automated journeys (ADR 0035): read with campaign.read, switched and set with journey.edit (audited). */
export const journeyRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('campaign.read');
  const editors = requireStaff('journey.edit');

  app.get(
    '/journeys',
    { onRequest: readers, schema: { response: { 200: Type.Array(JourneyView) } } },
    async (request) => {
      const actor = actorOf(request);
      const journeys = await listJourneys(app.engine, actor);
      const runs = await journeySchedule(app.engine, actor, app.clock.now());
      return journeys.map((j) => journeyView(j, runs));
    },
  );

  app.get(
    '/journeys/:kind',
    { onRequest: readers, schema: { params: JourneyParams, response: { 200: JourneyDetailView } } },
    async (request) => {
      const actor = actorOf(request);
      const journey = await getJourney(app.engine, request.params.kind, actor);
      const runs = await journeySchedule(app.engine, actor, app.clock.now());
      const days = await journeyDays(app.engine, journey.kind, actor);
      return { journey: journeyView(journey, runs), days };
    },
  );

  app.patch(
    '/journeys/:kind',
    {
      onRequest: editors,
      schema: { params: JourneyParams, body: JourneyChangesBody, response: { 200: JourneyView } },
    },
    async (request) => {
      const { message, ...rest } = request.body;
      const changes = {
        ...rest,
        ...(message !== undefined && { message: message as unknown as CampaignMessage }),
      };
      const actor = actorOf(request);
      const journey = await updateJourney(app.engine, request.params.kind, changes, actor, app.clock.now());
      return journeyView(journey, await journeySchedule(app.engine, actor, app.clock.now()));
    },
  );
};
