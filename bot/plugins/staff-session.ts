import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../domain/actor.ts';
import { type Action, can } from '../domain/permissions.ts';
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
 * Staff sessions: parses cookies and decorates the request; routes opt in with `onRequest: requireStaff(...)`.
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

/** Marks the hooks requireStaff makes, so that the staff API can refuse a route that runs one too late. */
export const staffGate = Symbol('requireStaff');

/**
 * onRequest, so that it answers before the body is even parsed, let alone validated: 401 {code:'NOT_SIGNED_IN'}
 * without a valid session; 403 {code:'CSRF'} when a non-GET/HEAD request lacks the session's x-csrf-token
 * header; 403 {code:'FORBIDDEN'} unless the staff member may do every one of `actions` (bot/domain/permissions.ts)
 * somewhere. No actions: any staff. Which store is the domain's question, asked with the resource in hand.
 */
export function requireStaff(...actions: Action[]): onRequestAsyncHookHandler {
  const gate = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
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
    if (!actions.every((action) => can(session.principal, action))) {
      return reply.code(403).send({ code: 'FORBIDDEN', message: '您的角色無法進行這項操作' });
    }
    request.staff = session.principal;
    request.staffCsrfToken = session.csrfToken;
  };
  return Object.assign(gate, { [staffGate]: true });
}

/** The actor the domain sees: who, from which store and address, and what they may do. */
export const actorOf = (request: FastifyRequest): Actor => ({
  staffId: request.staff.id,
  storeId: request.staff.storeId,
  ip: request.ip,
  may: { role: request.staff.role, storeIds: request.staff.storeIds },
});
