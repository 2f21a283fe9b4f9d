import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import {
  resolveSession,
  SESSION_MAX_MS,
  type StaffPrincipal,
  type StaffRole,
} from '../domain/staff-sessions.ts';

export type { StaffPrincipal, StaffRole };

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member; set by requireStaff, so only on routes that use it. */
    staff: StaffPrincipal;
    /** The session's CSRF token, for GET /api/staff/session to hand back. */
    staffCsrfToken: string;
  }
  interface FastifyInstance {
    staffCookie: { secure: boolean };
  }
}

export const STAFF_COOKIE = 'staff_session';

/**
 * Staff sessions: parses cookies and decorates the request; routes opt in with `preHandler: requireStaff(...)`.
 * `secure: false` only in demo mode, which serves plain http on the developer's machine (ADR 0011).
 */
export const staffSession = fp<{ secure: boolean }>(
  async (app, { secure }) => {
    await app.register(fastifyCookie);
    app.decorate('staffCookie', { secure });
    app.decorateRequest('staff', null as unknown as StaffPrincipal);
    app.decorateRequest('staffCsrfToken', '');
  },
  { name: 'staff-session' },
);

/** The session cookie: httpOnly, SameSite=Strict, Path=/, Secure but in demo mode; gone with the browser session. */
export function setStaffCookie(reply: FastifyReply, token: string) {
  reply.setCookie(STAFF_COOKIE, token, {
    httpOnly: true,
    secure: reply.server.staffCookie.secure,
    sameSite: 'strict',
    path: '/',
    // The server ends idle sessions after 12 hours; the browser forgets the cookie at the latest after 7 days.
    maxAge: SESSION_MAX_MS / 1000,
  });
}

export function clearStaffCookie(reply: FastifyReply) {
  reply.clearCookie(STAFF_COOKIE, {
    httpOnly: true,
    secure: reply.server.staffCookie.secure,
    sameSite: 'strict',
    path: '/',
  });
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * preHandler: 401 {code:'NOT_SIGNED_IN'} without a valid session; 403 {code:'FORBIDDEN'} for another role;
 * 403 {code:'CSRF'} when a non-GET/HEAD request lacks the session's x-csrf-token header. No roles: any staff.
 */
export function requireStaff(...roles: StaffRole[]): preHandlerAsyncHookHandler {
  return async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
    const token = request.cookies[STAFF_COOKIE];
    const session = token
      ? await resolveSession(request.server.engine, token, request.server.clock.now())
      : null;
    if (!session) {
      if (token) clearStaffCookie(reply);
      return reply.code(401).send({ code: 'NOT_SIGNED_IN', message: '請先登入' });
    }
    if (!safeMethods.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      return reply.code(403).send({ code: 'CSRF', message: '請重新整理頁面後再試一次' });
    }
    if (roles.length > 0 && !roles.includes(session.principal.role)) {
      return reply.code(403).send({ code: 'FORBIDDEN', message: '您的角色無法進行這項操作' });
    }
    request.staff = session.principal;
    request.staffCsrfToken = session.csrfToken;
  };
}

/** true when the principal may act in that store (admins/marketers: all stores; others: their own). */
export function worksAt(staff: StaffPrincipal, storeId: number): boolean {
  return staff.storeIds === 'all' || staff.storeIds.includes(storeId);
}

/** The actor of an audit entry: who, from which store and address. */
export const actorOf = (request: FastifyRequest) => ({
  staffId: request.staff.id,
  storeId: request.staff.storeId,
  ip: request.ip,
});
