import type { Engine } from '../../db/engine.ts';
import type { App } from '../app.ts';
import { commandLine } from '../domain/actor.ts';
import { createStaff, type StaffRole } from '../domain/staff.ts';

export const STAFF_PASSWORD = 'correct horse battery';

/** A staff member created as `npm run admin:create` would: by the command line, audited. */
export function addStaff(
  engine: Engine,
  username: string,
  role: StaffRole,
  storeIds: number[] = [],
  password = STAFF_PASSWORD,
) {
  return createStaff(
    engine,
    { username, displayName: username, password, role, storeIds },
    commandLine,
    new Date(),
  );
}

export interface SignInOptions {
  password?: string;
  storeId?: number;
  ip?: string;
}

/** POST /api/staff/session as the console does it. */
export function postSignIn(
  app: App,
  username: string,
  { password = STAFF_PASSWORD, storeId, ip }: SignInOptions = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/staff/session',
    payload: { username, password, ...(storeId !== undefined && { storeId }) },
    ...(ip && { remoteAddress: ip }),
  });
}

/** Signs in and returns a client that sends the cookie and, for changes, the CSRF token, as the console does. */
export async function signedIn(app: App, username: string, options: SignInOptions = {}) {
  const response = await postSignIn(app, username, options);
  if (response.statusCode !== 200) throw new Error(`Sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'staff_session')!;
  const { csrfToken } = response.json() as { csrfToken: string };
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, csrf = true) =>
    app.inject({
      method,
      url,
      cookies: { staff_session: cookie.value },
      headers: csrf && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {},
      ...(payload && { payload }),
      ...(options.ip && { remoteAddress: options.ip }),
    });
  return { response, cookie, csrfToken, send, get: (url: string) => send('GET', url) };
}
