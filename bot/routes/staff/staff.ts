import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { createStaff, listStaff, updateStaff } from '../../domain/staff.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { IdParams, NewStaffBody, StaffChangesBody, StaffView } from '../../schemas/staff-api.ts';

/** Staff accounts: who may see and manage them is bot/domain/permissions.ts's to say. */
export const staffRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/staff',
    {
      onRequest: requireStaff('staff.read'),
      schema: { response: { 200: Type.Array(StaffView) } },
    },
    // Admins work in every store and see everyone; a store manager sees those of their own stores.
    async (request) => listStaff(app.engine, request.staff.storeIds),
  );

  app.post(
    '/staff',
    { onRequest: requireStaff('staff.manage'), schema: { body: NewStaffBody, response: { 201: StaffView } } },
    async (request, reply) =>
      reply.code(201).send(await createStaff(app.engine, request.body, actorOf(request), app.clock.now())),
  );

  app.patch(
    '/staff/:id',
    {
      onRequest: requireStaff('staff.manage'),
      schema: { params: IdParams, body: StaffChangesBody, response: { 200: StaffView } },
    },
    async (request) =>
      updateStaff(app.engine, request.params.id, request.body, actorOf(request), app.clock.now()),
  );
};
