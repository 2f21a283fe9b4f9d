import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countedUserId } from './index.ts';
import { lineFailure, startTestLine, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine({ countOnly: { friends: 1_200 }, limits: { monthlyQuota: null } });
});
afterEach(async () => {
  await t.line.close();
});

const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => countedUserId(from + i));

describe('count-only mode', () => {
  it('counts each counted friend a multicast reaches under its aggregation unit, and stores no message', async () => {
    const unit = ['spring_sale'];
    await t.client.multicast({
      to: ids(1, 500),
      messages: [textMessage('春季')],
      customAggregationUnits: unit,
    });
    await t.client.multicast({
      to: ids(501, 1_000),
      messages: [textMessage('春季')],
      customAggregationUnits: unit,
    });
    await t.client.multicast({ to: ids(1, 2), messages: [textMessage('其他')] });

    const spring = t.line.counted('spring_sale');
    expect(spring).toMatchObject({ users: 1_000, repeated: 0, deliveries: 1_000 });
    expect([spring.counts[1], spring.counts[1_000], spring.counts[1_001], spring.counts[0]]).toEqual([
      1, 1, 0, 0,
    ]);
    expect(t.line.counted('')).toMatchObject({ users: 2, deliveries: 2 });
    expect(t.line.inspect.messages()).toEqual([]);
    expect(t.line.inspect.quotaUsed()).toBe(1_002);
    expect(t.line.violations).toEqual([]);
  });

  it('records a second delivery to one friend as repeated, but not a retry LINE answers 409', async () => {
    const key = randomUUID();
    const request = { to: ids(7, 9), messages: [textMessage('一次')], customAggregationUnits: ['once'] };
    await t.client.multicast(request, key);
    expect(await lineFailure(t.client.multicast(request, key))).toMatchObject({ status: 409 });
    expect(t.line.counted('once')).toMatchObject({ users: 3, repeated: 0 });
    await t.client.multicast(request, randomUUID());
    expect(t.line.counted('once')).toMatchObject({ users: 3, repeated: 3, deliveries: 6 });
  });

  it('delivers nothing to ids past the range, and still checks requests against the spec', async () => {
    await t.client.multicast({ to: [countedUserId(1_201)], messages: [textMessage('x')] });
    expect(t.line.counted('')).toMatchObject({ users: 0, deliveries: 0 });
    expect(
      await lineFailure(t.client.multicast({ to: ids(1, 501), messages: [textMessage('x')] })),
    ).toMatchObject({
      status: 400,
    });
    expect(t.line.violations).toHaveLength(1);
  });

  it('keeps shoppers made one by one as in the normal mode beside the counted friends', async () => {
    const shopper = await t.friend('王小明');
    await t.client.pushMessage({ to: countedUserId(5), messages: [textMessage('計')] });
    await t.client.multicast({ to: [shopper.userId, countedUserId(6)], messages: [textMessage('存')] });
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(1);
    expect(t.line.counted('')).toMatchObject({ users: 2, deliveries: 2 });
  });
});
