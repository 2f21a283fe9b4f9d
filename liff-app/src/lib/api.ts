import type { ApiError } from '../../../bot/schemas/liff-api.ts';
import { createApiClient } from './api-client.ts';

export interface ApiOptions {
  /** The LIFF ID token, sent with every request but the config. */
  idToken: () => string | null;
  /** 401 ID_TOKEN_EXPIRED: log in again (or, in the demo, ask to reopen). */
  onTokenExpired: () => void;
}

export type Api = ReturnType<typeof createApi>;

/** The member app's API: the shopper is known only from the LIFF ID token, sent as a bearer token. */
export const createApi = ({ idToken, onTokenExpired }: ApiOptions) =>
  createApiClient<ApiError>({
    root: '/api/liff',
    headers: () => ({ authorization: `Bearer ${idToken() ?? ''}` }),
    onRefused: (status, body) => {
      if (status === 401 && body.code === 'ID_TOKEN_EXPIRED') onTokenExpired();
    },
  });
