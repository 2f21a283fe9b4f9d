import type { FastifyReply, FastifyRequest } from 'fastify';
import { LINE_MESSAGES } from './line-errors.ts';
import type { FaultPlan, FaultRule } from './types.ts';

/** mulberry32: a tiny seeded generator, so a seed replays the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultOutcome = 'drop' | 'serverError' | 'rateLimit' | 'none';

/** Where a request lands among its rule's fractions; one draw per request that has a rule. */
export function drawFault(rule: FaultRule, random: () => number): FaultOutcome {
  const draw = random();
  const drop = rule.dropRate ?? 0;
  const serverError = drop + (rule.serverErrorRate ?? 0);
  const rateLimit = serverError + (rule.rateLimitRate ?? 0);
  if (draw < drop) return 'drop';
  if (draw < serverError) return 'serverError';
  if (draw < rateLimit) return 'rateLimit';
  return 'none';
}

/** The rule for a request: by operationId, `METHOD path`, path (spec or Fastify form), then `*`. */
export function ruleFor(plan: FaultPlan, request: { method: string; route: string; operationId?: string }) {
  const specPath = request.route.replace(/:(\w+)/g, '{$1}');
  const keys = [
    request.operationId,
    `${request.method} ${specPath}`,
    `${request.method} ${request.route}`,
    specPath,
    request.route,
    '*',
  ];
  for (const key of keys) if (key && plan[key]) return plan[key];
  return undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Injects the plan's faults into one origin; the plan can be swapped while running. */
export class FaultInjector {
  plan: FaultPlan;
  #random: () => number;

  constructor(plan: FaultPlan, seed: number) {
    this.plan = plan;
    this.#random = seededRandom(seed);
  }

  /** An onRequest hook: answers (or hangs up) in LINE's place when the plan says so. */
  async apply(request: FastifyRequest, reply: FastifyReply, operationId?: string): Promise<boolean> {
    const route = request.routeOptions.url;
    if (!route) return false;
    const rule = ruleFor(this.plan, { method: request.method, route, operationId });
    if (!rule) return false;
    const outcome = drawFault(rule, this.#random);
    if (rule.latencyMs) await pause(rule.latencyMs);
    if (outcome === 'drop') {
      // What a crashed LINE front end looks like to the SDK: fetch fails with "other side closed".
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    }
    if (outcome === 'serverError') {
      await reply.code(rule.serverErrorStatus ?? 500).send({ message: LINE_MESSAGES.serverError });
      return true;
    }
    if (outcome === 'rateLimit') {
      await reply.code(429).send({ message: LINE_MESSAGES.rateLimited });
      return true;
    }
    return false;
  }
}
