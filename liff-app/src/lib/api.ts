import type { ApiError } from '../../../bot/schemas/liff-api.ts';

/** The server said no: `body.code` says why (bot/schemas/liff-api.ts). */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;
  constructor(status: number, body: ApiError) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The request never reached the server: no network. */
export class OfflineError extends Error {}

export const isOffline = (error: unknown) => error instanceof OfflineError;
export const errorCode = (error: unknown) => (error instanceof ApiRequestError ? error.body.code : null);

export interface ApiOptions {
  /** Where /api/liff lives; the same origin as the page unless told. */
  baseUrl?: string;
  /** The LIFF ID token, sent with every request but the config. */
  idToken: () => string | null;
  /** 401 ID_TOKEN_EXPIRED: log in again (or, in the demo, ask to reopen). */
  onTokenExpired: () => void;
}

export type Api = ReturnType<typeof createApi>;

export function createApi({ baseUrl = '', idToken, onTokenExpired }: ApiOptions) {
  async function request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${idToken() ?? ''}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/liff${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw new OfflineError('No network');
    }
    if (response.ok) return response;
    const error: ApiError = await response
      .json()
      .catch(() => ({ code: 'HTTP_ERROR', message: `HTTP ${response.status}` }));
    if (response.status === 401 && error.code === 'ID_TOKEN_EXPIRED') onTokenExpired();
    throw new ApiRequestError(response.status, error);
  }

  return {
    /** The answer as it came, for what is not JSON (a file to download). */
    request,
    get: async <T>(path: string): Promise<T> => (await request('GET', path)).json() as Promise<T>,
    send: async <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> => {
      const response = await request(method, path, body);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
  };
}
