import { afterEach, describe, expect, it } from 'vitest';
import { drawFault, ruleFor, seededRandom } from './faults.ts';
import { lineFailure, startTestLine, type TestLine, textMessage } from './test-kit.ts';
import type { FaultPlan } from './types.ts';

const started: TestLine[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.line.close()));
});

async function lineWith(faults: FaultPlan, seed: number) {
  const t = await startTestLine({ faults, seed });
  started.push(t);
  return t;
}

/** The status of each of `count` pushes, or 'dropped' when the connection was cut. */
async function pushOutcomes(t: TestLine, userId: string, count: number) {
  const outcomes: (number | string)[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await t.client.pushMessage({ to: userId, messages: [textMessage(String(i))] });
      outcomes.push(200);
    } catch (error) {
      outcomes.push(
        error instanceof TypeError ? 'dropped' : ((error as { status: number }).status ?? 'unknown'),
      );
    }
  }
  return outcomes;
}

const mixed: FaultPlan = { pushMessage: { serverErrorRate: 0.3, rateLimitRate: 0.2, dropRate: 0.1 } };

describe('faults on demand', () => {
  it('replays the same faults for the same seed, and others for another seed', async () => {
    const runs = [];
    for (const seed of [42, 42, 7]) {
      const t = await lineWith(mixed, seed);
      const shopper = await t.friend();
      runs.push(await pushOutcomes(t, shopper.userId, 30));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).not.toEqual(runs[2]);
    expect(new Set(runs[0])).toEqual(new Set([200, 500, 429, 'dropped']));
  });

  it('answers 5xx and 429 in LINE shape, and cuts the connection, only where the plan says', async () => {
    const t = await lineWith({ '/v2/bot/info': { serverErrorRate: 1, serverErrorStatus: 503 } }, 1);
    expect(await lineFailure(t.client.getBotInfo())).toMatchObject({
      status: 503,
      body: { message: 'Internal server error' },
    });
    await t.client.getMessageQuota();

    t.line.setFaults({ 'GET /v2/bot/message/quota': { rateLimitRate: 1 } });
    expect(await lineFailure(t.client.getMessageQuota())).toMatchObject({
      status: 429,
      body: { message: 'The API rate limit has been exceeded. Try again later.' },
    });

    t.line.setFaults({ '*': { dropRate: 1 } });
    await expect(t.client.getBotInfo()).rejects.toThrow(TypeError);
    await expect(t.blob.getMessageContent('1')).rejects.toThrow(TypeError);
  });

  it('adds latency before answering', async () => {
    const t = await lineWith({ getBotInfo: { latencyMs: 40 } }, 1);
    const started = performance.now();
    await t.client.getBotInfo();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('matches rules by operationId, method and path, path, then *', () => {
    const plan: FaultPlan = { '*': { dropRate: 1 }, '/v2/bot/profile/{userId}': { serverErrorRate: 1 } };
    const profile = { method: 'GET', route: '/v2/bot/profile/:userId', operationId: 'getProfile' };
    expect(ruleFor(plan, profile)).toEqual({ serverErrorRate: 1 });
    expect(ruleFor({ ...plan, getProfile: { rateLimitRate: 1 } }, profile)).toEqual({ rateLimitRate: 1 });
    expect(ruleFor(plan, { method: 'GET', route: '/v2/bot/info' })).toEqual({ dropRate: 1 });
  });

  it('draws outcomes in proportion to the rates', () => {
    const random = seededRandom(3);
    const counts = { drop: 0, serverError: 0, rateLimit: 0, none: 0 };
    for (let i = 0; i < 10_000; i++) counts[drawFault({ dropRate: 0.1, serverErrorRate: 0.2 }, random)]++;
    expect(counts.drop / 10_000).toBeCloseTo(0.1, 1);
    expect(counts.serverError / 10_000).toBeCloseTo(0.2, 1);
    expect(counts.rateLimit).toBe(0);
  });
});
