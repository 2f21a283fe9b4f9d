import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { takeRateSlot } from './rate-limit.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 2, 0, 0) + ms);

describe('the shared per-second limit', () => {
  it('gives out as many slots as the limit in a second, then says how long until the next one', async () => {
    for (let i = 0; i < 3; i++) expect(await takeRateSlot(engine, 'multicast', 3, at(100))).toBe(0);
    expect(await takeRateSlot(engine, 'multicast', 3, at(400))).toBe(600);
    // Another kind of request has a count of its own; the next second starts afresh.
    expect(await takeRateSlot(engine, 'narrowcast', 3, at(400))).toBe(0);
    expect(await takeRateSlot(engine, 'multicast', 3, at(1_000))).toBe(0);
  });

  it('gives none in a second’s last tenth, where the request would reach LINE in the next second', async () => {
    expect(await takeRateSlot(engine, 'multicast', 3, at(950))).toBe(50);
    expect(await takeRateSlot(engine, 'multicast', 3, at(1_010))).toBe(0);
  });
});
