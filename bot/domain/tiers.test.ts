import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember } from '../testing/members.ts';
import type { Member } from './members.ts';
import { earnPoints } from './points-earning.ts';
import { tierProgress } from './tiers.ts';

let engine: Engine;
let storeId: number;
const now = new Date('2026-11-22T04:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
});
afterEach(() => engine.close());

/** Purchases brought in from the shops' old system, as the demo's seed and an import write them. */
async function importedPurchases(member: Member, amounts: { amount: number; at: Date }[]) {
  for (const [i, { amount, at }] of amounts.entries()) {
    await earnPoints(engine, {
      memberId: member.id,
      points: Math.floor(amount / 50),
      amount,
      storeId,
      channel: 'store',
      reference: `R${i}`,
      idempotencyKey: `import-${member.id}-${i}`,
      at,
    });
  }
}

const progress = (member: Member) =>
  engine.read(async (tx) => {
    const [fresh] = await tx.select().from(members).where(eq(members.id, member.id));
    return tierProgress(tx, fresh!, 'zh-TW', now);
  });

describe('the tier follows the 12-month spend', () => {
  it('moves up as soon as spend recorded outside the counter crosses a bar, and shows the way to the next', async () => {
    const member = await importMember(engine, '0933111222', '1965-03-08');
    await importedPurchases(member, [
      { amount: 6000, at: daysAgo(200) },
      { amount: 6000, at: daysAgo(100) },
    ]);
    expect(await progress(member)).toMatchObject({
      current: { code: 'silver', name: '銀卡會員' },
      next: { code: 'gold', remaining: 30000 - 12000 },
      spend12Months: 12000,
    });
  });

  it('does not count spend older than 12 months', async () => {
    const member = await importMember(engine, '0933111222', '1965-03-08');
    await importedPurchases(member, [
      { amount: 8000, at: daysAgo(400) },
      { amount: 3000, at: daysAgo(30) },
    ]);
    expect(await progress(member)).toMatchObject({
      current: { code: 'regular' },
      next: { code: 'silver', remaining: 7000 },
    });
  });
});
