import type { Limits, RateLimit } from './types.ts';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const perSecond = (max: number): RateLimit => ({ max, windowMs: SECOND });
const perHour = (max: number): RateLimit => ({ max, windowMs: HOUR });

/**
 * LINE's published limits: https://developers.line.biz/en/reference/messaging-api/#rate-limits.
 * The monthly quota defaults to Taiwan's free plan (200 messages).
 */
export const LINE_LIMITS: Limits = {
  rates: {
    pushMessage: perSecond(2000),
    replyMessage: perSecond(2000),
    multicast: perSecond(200),
    showLoadingAnimation: perSecond(100),
    narrowcast: perHour(60),
    broadcast: perHour(60),
    createRichMenu: perHour(100),
    deleteRichMenu: perHour(100),
    richMenuBatch: perHour(3),
  },
  defaultRate: perSecond(2000),
  monthlyQuota: 200,
  replyTokenTtlMs: 60 * SECOND,
  retryKeyTtlMs: 24 * HOUR,
  webhookTimeoutMs: 2 * SECOND,
  idTokenLifetimeSeconds: 3600,
  richMenusPerChannel: 1000,
};

export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  return { ...LINE_LIMITS, ...overrides, rates: { ...LINE_LIMITS.rates, ...overrides.rates } };
}

/** Sliding-window request counters, one per operation, read against the stand-in's clock. */
export class RateLimiter {
  #hits = new Map<string, number[]>();
  #limits: Limits;
  #now: () => number;

  constructor(limits: Limits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts one request; false when it is over the operation's limit (and then it is not counted). */
  admit(operationId: string): boolean {
    const { max, windowMs } = this.#limits.rates[operationId] ?? this.#limits.defaultRate;
    const now = this.#now();
    const recent = (this.#hits.get(operationId) ?? []).filter((at) => at > now - windowMs);
    const admitted = recent.length < max;
    if (admitted) recent.push(now);
    this.#hits.set(operationId, recent);
    return admitted;
  }
}

/** LINE counts the quota per calendar month in Japan time; the month a timestamp falls in, as `YYYY-MM`. */
export function quotaMonth(at: number): string {
  return new Date(at + 9 * HOUR).toISOString().slice(0, 7);
}
