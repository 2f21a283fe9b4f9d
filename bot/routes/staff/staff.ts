import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { createStaff, listStaff, updateStaff } from '../../domain/staff.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { IdParams, NewStaffBody, StaffChangesBody, StaffView } from '../../schemas/staff-api.ts';

/** Staff accounts: admins manage everyone; a store manager sees who works in their stores. */
export const staffRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/staff',
    {
      preHandler: requireStaff('admin', 'store_manager'),
      schema: { response: { 200: Type.Array(StaffView) } },
    },
    async (request) => listStaff(app.engine, request.staff.role === 'admin' ? 'all' : request.staff.storeIds),
  );

  app.post(
    '/staff',
    { preHandler: requireStaff('admin'), schema: { body: NewStaffBody, response: { 201: StaffView } } },
    async (request, reply) =>
      reply.code(201).send(await createStaff(app.engine, request.body, actorOf(request), app.clock.now())),
  );

  app.patch(
    '/staff/:id',
    {
      preHandler: requireStaff('admin'),
      schema: { params: IdParams, body: StaffChangesBody, response: { 200: StaffView } },
    },
    async (request) =>
      updateStaff(app.engine, request.params.id, request.body, actorOf(request), app.clock.now()),
  );
};
