import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { actionsOf } from '../../domain/permissions.ts';
import { type StaffPrincipal, signIn, signOut, storesOf } from '../../domain/staff-sessions.ts';
import { clearStaffCookie, requireStaff, STAFF_COOKIE, setStaffCookie } from '../../plugins/staff-session.ts';
import { type SessionResponse as Session, SessionResponse, SignInBody } from '../../schemas/staff-api.ts';

/** Signing in and out; GET tells the console who is signed in and hands back the CSRF token. */
export const sessionRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  const sessionOf = async (staff: StaffPrincipal, csrfToken: string): Promise<Session> => {
    const stores = (await storesOf(app.engine, staff)).map(({ id, code, name }) => ({ id, code, name }));
    const store = stores.find((s) => s.id === staff.storeId) ?? null;
    return { staff, csrfToken, store, stores, actions: actionsOf(staff), brand: app.brand };
  };

  app.post(
    '/session',
    { schema: { body: SignInBody, response: { 200: SessionResponse } } },
    async (request, reply) => {
      const signedIn = await signIn(app.engine, { ...request.body, ip: request.ip }, app.clock.now());
      setStaffCookie(reply, signedIn.token);
      return sessionOf(signedIn.principal, signedIn.csrfToken);
    },
  );

  app.get(
    '/session',
    { onRequest: requireStaff(), schema: { response: { 200: SessionResponse } } },
    async (request) => sessionOf(request.staff, request.staffCsrfToken),
  );

  app.delete('/session', { onRequest: requireStaff() }, async (request, reply) => {
    await signOut(app.engine, request.cookies[STAFF_COOKIE]!, request.ip, app.clock.now());
    clearStaffCookie(reply);
    return reply.code(204).send();
  });
};
