import { atom } from 'nanostores';
import type { SessionResponse, SignInRequest, StaffApiErrorBody } from '../../../../bot/schemas/staff-api.ts';

/** The server said no: `body.code` says why (bot/schemas/staff-api.ts). */
export class StaffApiError extends Error {
  readonly status: number;
  readonly body: StaffApiErrorBody;
  constructor(status: number, body: StaffApiErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The request never reached the server. */
export class StaffOfflineError extends Error {}

/**
 * Who is signed in on this page: undefined while unknown, null when nobody is (the sign-in form shows), or the
 * session. Any 401 NOT_SIGNED_IN from the API sets it to null.
 */
export const staffSession = atom<SessionResponse | null | undefined>(undefined);

export interface StaffApiOptions {
  /** Where /api/staff lives; the page's own origin unless told. */
  baseUrl?: string;
  /** A request found the session gone (expired, signed out elsewhere): show the sign-in form. */
  onSignedOut?: () => void;
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/**
 * fetch for /api/staff: the session cookie goes by itself (same origin, httpOnly); the CSRF token the server
 * handed over at sign-in goes in `x-csrf-token` on every change. Errors are StaffApiError or StaffOfflineError.
 */
export function createStaffApi({
  baseUrl = '',
  onSignedOut = () => staffSession.set(null),
}: StaffApiOptions = {}) {
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/staff${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw new StaffOfflineError('No network');
    }
    if (response.status === 204) return undefined as T;
    const answer = await response
      .json()
      .catch(() => ({ code: 'HTTP_ERROR', message: `HTTP ${response.status}` }));
    if (response.ok) return answer as T;
    if (response.status === 401 && answer.code === 'NOT_SIGNED_IN') {
      csrfToken = null;
      onSignedOut();
    }
    throw new StaffApiError(response.status, answer as StaffApiErrorBody);
  }

  const remember = (session: SessionResponse) => {
    csrfToken = session.csrfToken;
    return session;
  };

  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T = void>(path: string) => request<T>('DELETE', path),
    /** Signs in; the session's CSRF token is kept for the requests that follow. */
    signIn: async (body: SignInRequest) => remember(await request<SessionResponse>('POST', '/session', body)),
    /** Who is signed in (after a reload: the cookie outlives the page, the CSRF token does not). */
    session: async () => remember(await request<SessionResponse>('GET', '/session')),
    signOut: async () => {
      await request('DELETE', '/session').catch(() => {});
      csrfToken = null;
    },
  };
}

/** The one API of this page; the console and the clerk page use it alike. */
export const staffApi = createStaffApi();
