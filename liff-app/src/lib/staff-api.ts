import { atom } from 'nanostores';
import type { SessionResponse, SignInRequest, StaffApiErrorBody } from '../../../bot/schemas/staff-api.ts';
import { createApiClient } from './api-client.ts';

/**
 * Who is signed in on this page: undefined while unknown, null when nobody is (the sign-in form shows), or the
 * session. Any 401 NOT_SIGNED_IN from the API sets it to null.
 */
export const staffSession = atom<SessionResponse | null | undefined>(undefined);

export interface StaffApiOptions {
  /** A request found the session gone (expired, signed out elsewhere): show the sign-in form. */
  onSignedOut?: () => void;
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/**
 * The staff pages' API: the session cookie goes by itself (same origin, httpOnly); the CSRF token the server
 * handed over at sign-in goes in `x-csrf-token` on every change.
 */
export function createStaffApi({ onSignedOut = () => staffSession.set(null) }: StaffApiOptions = {}) {
  let csrfToken: string | null = null;
  const client = createApiClient<StaffApiErrorBody>({
    root: '/api/staff',
    headers: (method): Record<string, string> =>
      method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {},
    onRefused: (status, body) => {
      if (status !== 401 || body.code !== 'NOT_SIGNED_IN') return;
      csrfToken = null;
      onSignedOut();
    },
  });
  const remember = (session: SessionResponse) => {
    csrfToken = session.csrfToken;
    return session;
  };

  return {
    ...client,
    /** A whole setting replaced (here, not in api-client.ts: the member card's entry carries that one). */
    put: async <T>(path: string, body: unknown) =>
      (await (await client.request('PUT', path, body)).json()) as T,
    /** Signs in; the session's CSRF token is kept for the requests that follow. */
    signIn: async (body: SignInRequest) => remember(await client.post<SessionResponse>('/session', body)),
    /** Who is signed in (after a reload: the cookie outlives the page, the CSRF token does not). */
    session: async () => remember(await client.get<SessionResponse>('/session')),
    signOut: async () => {
      await client.delete('/session').catch(() => {});
      csrfToken = null;
    },
  };
}

/** The one staff API of a page; the console and the counter use it alike. */
export const staffApi = createStaffApi();
