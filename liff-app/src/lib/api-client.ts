/** What every error answer of the server says: a stable `code`, a message for logs, and details by code. */
export interface ErrorBody {
  code: string;
  message: string;
}

/** The server said no: `body.code` says why (bot/schemas: ApiError for /api/liff, StaffApiErrorBody for /api/staff). */
export class ApiRequestError<Body extends ErrorBody = ErrorBody> extends Error {
  readonly status: number;
  readonly body: Body;
  constructor(status: number, body: Body) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

/** The request never reached the server: no network. */
export class OfflineError extends Error {}

export const isOffline = (error: unknown) => error instanceof OfflineError;
export const errorCode = (error: unknown): string | null =>
  error instanceof ApiRequestError ? error.body.code : null;

export interface ApiClientOptions<Body extends ErrorBody> {
  /** The API's root on the page's own origin: `/api/liff` or `/api/staff`. */
  root: string;
  /** How this page proves who asks: the LIFF ID token, or the staff session's CSRF token on a change. */
  headers: (method: string) => Record<string, string>;
  /** Called with every refusal before it is thrown: a 401 that says the sign-in is gone, for one. */
  onRefused?: (status: number, body: Body) => void;
}

/**
 * The one fetch of every page: JSON in and out, OfflineError when the network fails, ApiRequestError when the
 * server refuses. The member app and the staff pages differ only in `headers` and what a 401 means.
 */
export function createApiClient<Body extends ErrorBody>({
  root,
  headers,
  onRefused,
}: ApiClientOptions<Body>) {
  /** The answer as it came, for what is not JSON (a file to download). */
  async function request(method: string, path: string, body?: unknown): Promise<Response> {
    const sent: Record<string, string> = headers(method);
    if (body !== undefined) sent['content-type'] = 'application/json';
    // The staff session's cookie goes by itself: same origin, fetch's default credentials.
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method,
        headers: sent,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw new OfflineError('No network');
    }
    if (response.ok) return response;
    const refusal = (await response
      .json()
      .catch(() => ({ code: 'HTTP_ERROR', message: `HTTP ${response.status}` }))) as Body;
    onRefused?.(response.status, refusal);
    throw new ApiRequestError(response.status, refusal);
  }

  /** The answer's JSON, or undefined for 204 No Content. */
  async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await request(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    request,
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body?: unknown) => send<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
    delete: <T = void>(path: string) => send<T>('DELETE', path),
  };
}
