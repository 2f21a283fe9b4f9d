import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { messagingApiContract } from './conformance.ts';
import type { StandInContext } from './context.ts';
import { type CountedDeliveries, CountedFriends, type CountOnlyOptions } from './counted-friends.ts';
import { FaultInjector } from './faults.ts';
import { createInspector, type Inspector } from './inspect.ts';
import { RateLimiter, resolveLimits } from './limits.ts';
import { LoginKeys } from './login.ts';
import { buildApiOrigin, buildDataOrigin } from './servers.ts';
import { createShoppers, type Shoppers } from './shoppers.ts';
import { createState, newId, type StandInState } from './state.ts';
import type { FaultPlan, Limits, Violation } from './types.ts';
import { WebhookSender } from './webhook-sender.ts';

export { type CountedDeliveries, type CountOnlyOptions, countedUserId } from './counted-friends.ts';
export type { IdTokenOptions } from './login.ts';
export type { ActionOptions, NewShopper, Shoppers } from './shoppers.ts';
export type * from './types.ts';
export type { Inspector };

export interface LineStandInOptions {
  /** The Messaging API channel secret (32 hex digits): signs the webhooks. */
  channelSecret: string;
  /** The only token the stand-in accepts in `Authorization: Bearer`. */
  channelAccessToken: string;
  /** The LIFF app's LINE Login channel ID: the `aud` of ID tokens. */
  loginChannelId: string;
  webhookUrl?: string;
  /** The bot's user ID, the `destination` of webhooks. */
  botUserId?: string;
  /** The official account's display name, as GET /v2/bot/info answers it; "LINE stand-in" unless told. */
  botName?: string;
  limits?: Partial<Limits>;
  faults?: FaultPlan;
  /** Seeds the fault generator: the same seed and requests give the same faults. */
  seed?: number;
  /** The clock in milliseconds: tests move it to expire reply tokens, rate windows and retry keys. */
  now?: () => number;
  /** 0 (the default) picks a free port. */
  ports?: { api?: number; data?: number };
  host?: string;
  /** The product's LIFF app URL, for the phone page's "open the LIFF app as this shopper". */
  liffUrl?: string;
  /** The phone page's build, when not in dist/phone (a test builds its own). */
  phonePageDir?: string;
  /** Everything a previous run knew (`snapshot()`), so the demo keeps its shoppers across restarts. */
  state?: StandInState;
  /**
   * Count-only mode (counted-friends.ts), for benchmarks: a range of friends without shopper records, whose
   * deliveries are counted, not stored. Not in `snapshot()`.
   */
  countOnly?: CountOnlyOptions;
}

export interface LineStandIn {
  /** Origins without a trailing slash: the SDK clients' `baseURL`s. */
  urls: { api: string; data: string };
  shoppers: Shoppers;
  inspect: Inspector;
  /** Requests the product sent that LINE would refuse as malformed (live; assert it stays empty). */
  violations: Violation[];
  login: { rotateKey(): Promise<string>; jwks(): JSONWebKeySet };
  setWebhookUrl(url: string | null): void;
  /** The product's LIFF app URL, once the product listens (its port is known only then). */
  setLiffUrl(url: string | null): void;
  setFaults(plan: FaultPlan): void;
  /** Count-only mode: what the requests under aggregation unit `unit` (`''`: none) delivered to counted friends. */
  counted(unit: string): CountedDeliveries;
  /** A deep copy of everything the stand-in knows (plain JSON). */
  snapshot(): StandInState;
  close(): Promise<void>;
}

const HEX_32 = /^[0-9a-f]{32}$/i;

export async function startLineStandIn(options: LineStandInOptions): Promise<LineStandIn> {
  if (!HEX_32.test(options.channelSecret)) throw new Error('channelSecret must be 32 hexadecimal digits');
  if (!options.channelAccessToken) throw new Error('channelAccessToken is required');
  if (!options.loginChannelId) throw new Error('loginChannelId is required');

  const now = options.now ?? Date.now;
  const limits = resolveLimits(options.limits);
  const state = options.state ? structuredClone(options.state) : createState();
  const login = new LoginKeys();
  await login.rotate();
  const channel = {
    channelSecret: options.channelSecret,
    channelAccessToken: options.channelAccessToken,
    loginChannelId: options.loginChannelId,
    botUserId: options.botUserId ?? newId.user(),
    botName: options.botName ?? 'LINE stand-in',
  };
  const ctx: StandInContext = {
    channel,
    state,
    limits,
    now,
    rates: new RateLimiter(limits, now),
    faults: new FaultInjector(options.faults ?? {}, options.seed ?? 1),
    contract: messagingApiContract(),
    login,
    liffUrl: options.liffUrl ?? null,
    ...(options.phonePageDir && { phonePageDir: options.phonePageDir }),
    ...(options.countOnly && { counted: new CountedFriends(options.countOnly) }),
    webhook: new WebhookSender({
      channelSecret: channel.channelSecret,
      botUserId: channel.botUserId,
      timeoutMs: limits.webhookTimeoutMs,
      now,
      url: options.webhookUrl,
      record: (delivery) => state.deliveries.push(delivery),
    }),
  };
  const shoppers = createShoppers(ctx);
  const inspect = createInspector(ctx);

  const host = options.host ?? '127.0.0.1';
  const api = buildApiOrigin(ctx, { shoppers, inspect });
  const data = buildDataOrigin(ctx);
  const urls = {
    api: await listen(api, host, options.ports?.api ?? 0),
    data: await listen(data, host, options.ports?.data ?? 0).catch(async (error) => {
      await api.close();
      throw error;
    }),
  };

  return {
    urls,
    shoppers,
    inspect,
    violations: state.violations,
    login: { rotateKey: () => login.rotate(), jwks: () => login.jwks() },
    setWebhookUrl: (url) => {
      ctx.webhook.url = url;
    },
    setLiffUrl: (url) => {
      ctx.liffUrl = url;
    },
    setFaults: (plan) => {
      ctx.faults.plan = plan;
    },
    counted: (unit) => {
      if (!ctx.counted) throw new Error('The stand-in is not in count-only mode');
      return ctx.counted.delivered(unit);
    },
    snapshot: () => structuredClone(state),
    close: async () => {
      await Promise.all([api.close(), data.close()]);
    },
  };
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}
