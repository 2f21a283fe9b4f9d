import { messagingApi } from '@line/bot-sdk';
import type { LineChannel } from '../config.ts';

/** The Messaging API clients the product uses; their base URLs point at LINE or at the local stand-in. */
export interface LineClients {
  messaging: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

/** How long a LINE call may take before the product stops waiting for it: a passing failure, tried again. */
export const LINE_TIMEOUT_MS = 10_000;

/** A LINE call that did not answer in time. */
export class LineTimeoutError extends Error {
  constructor(method: string, ms: number) {
    super(`LINE did not answer ${method} within ${ms} ms`);
    this.name = 'LineTimeoutError';
  }
}

export function createLineClients(channel: LineChannel, { timeoutMs = LINE_TIMEOUT_MS } = {}): LineClients {
  const { channelAccessToken } = channel;
  return {
    messaging: withTimeout(
      new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: channel.apiBaseUrl }),
      timeoutMs,
    ),
    blob: withTimeout(
      new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: channel.dataApiBaseUrl }),
      timeoutMs,
    ),
  };
}

/**
 * Every method of `client` gives up after `ms` (the SDK's fetch has no timeout of its own): a 58 s getProfile
 * once made other shoppers' reply tokens expire. What was sent may still reach LINE: pushes carry a retry key,
 * so trying again does not deliver twice.
 */
function withTimeout<Client extends object>(client: Client, ms: number): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const call = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(call instanceof Promise)) return call;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new LineTimeoutError(String(property), ms)), ms);
        });
        return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
      };
    },
  });
}
