import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { can } from '../../domain/permissions.ts';
import { listStores, openStore, type Store, updateStore } from '../../domain/stores.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { IdParams, NewStoreBody, StoreChangesBody, StoreView } from '../../schemas/staff-api.ts';

const view = ({ id, code, name, address, active }: Store) => ({ id, code, name, address, active });

/** The brand's stores: every signed-in staff member may list the open ones; store.manage opens, changes, closes. */
export const storeRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/stores',
    { onRequest: requireStaff('store.read'), schema: { response: { 200: Type.Array(StoreView) } } },
    // Closed stores are for those who may reopen them.
    async (request) =>
      (await listStores(app.engine, { includeInactive: can(request.staff, 'store.manage') })).map(view),
  );

  app.post(
    '/stores',
    { onRequest: requireStaff('store.manage'), schema: { body: NewStoreBody, response: { 201: StoreView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(view(await openStore(app.engine, request.body, actorOf(request), app.clock.now()))),
  );

  app.patch(
    '/stores/:id',
    {
      onRequest: requireStaff('store.manage'),
      schema: { params: IdParams, body: StoreChangesBody, response: { 200: StoreView } },
    },
    async (request) =>
      view(await updateStore(app.engine, request.params.id, request.body, actorOf(request), app.clock.now())),
  );
};
