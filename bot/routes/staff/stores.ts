import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { listStores, openStore, type Store, updateStore } from '../../domain/stores.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { IdParams, NewStoreBody, StoreChangesBody, StoreView } from '../../schemas/staff-api.ts';

const view = ({ id, code, name, address, active }: Store) => ({ id, code, name, address, active });

/** The brand's stores: every signed-in staff member may list them; only admins open, change or close them. */
export const storeRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/stores',
    { preHandler: requireStaff(), schema: { response: { 200: Type.Array(StoreView) } } },
    async (request) =>
      (await listStores(app.engine, { includeInactive: request.staff.role === 'admin' })).map(view),
  );

  app.post(
    '/stores',
    { preHandler: requireStaff('admin'), schema: { body: NewStoreBody, response: { 201: StoreView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(view(await openStore(app.engine, request.body, actorOf(request), app.clock.now()))),
  );

  app.patch(
    '/stores/:id',
    {
      preHandler: requireStaff('admin'),
      schema: { params: IdParams, body: StoreChangesBody, response: { 200: StoreView } },
    },
    async (request) =>
      view(await updateStore(app.engine, request.params.id, request.body, actorOf(request), app.clock.now())),
  );
};
