// The members the segment tests count, on a fresh database of either engine: each differs from the others in
// the fields a segment asks about, so that each condition picks a known few.
import { eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { coupons, members } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import type { Actor } from '../actor.ts';
import { createTemplate } from '../coupon-templates.ts';
import { issueCoupon } from '../coupons.ts';
import { recordFollow, recordUnfollow } from '../friends.ts';
import { importMembership, joinMembership } from '../members.ts';
import { recordPurchase } from '../purchases.ts';

/** Tuesday 10:00 in Taipei, 1 December 2026. */
export const now = new Date('2026-12-01T02:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

export interface Fixture {
  engine: Engine;
  storeA: number;
  storeB: number;
  templateId: number;
  /** Member ids by name: ann, ben, cat (blocked), dan (no LINE), eve (no purchase, opted in). */
  ids: Record<'ann' | 'ben' | 'cat' | 'dan' | 'eve', number>;
  nameOf: (id: number) => string;
  buy: (memberId: number, price: number, at: Date, channel?: 'store' | 'online') => Promise<unknown>;
}

export async function openFixture(): Promise<Fixture> {
  const engine = await openTestEngine();
  const storeA = (await addStore(engine, 'TPE01', '台北信義店')).id;
  const storeB = (await addStore(engine, 'KHH01', '高雄巨蛋店')).id;
  const counter: Actor = { staffId: null, storeId: storeA, ip: null, may: 'everything' };
  let keys = 0;
  const buy = (memberId: number, price: number, at: Date, channel: 'store' | 'online' = 'store') => {
    keys++;
    return recordPurchase(
      engine,
      {
        member: { id: memberId, proof: 'card' },
        price,
        redeemPoints: 0,
        channel,
        reference: `R-${keys}`,
        idempotencyKey: `segment-test-${keys}`,
        at,
      },
      counter,
    );
  };
  const join = async (
    letter: string,
    phone: string,
    form: Partial<Parameters<typeof joinForm>[1]>,
    joined: Date,
  ) => {
    const lineUserId = `U${letter.repeat(32)}`;
    await recordFollow(engine, lineUserId, null, joined);
    return (await joinMembership(engine, lineUserId, joinForm(storeA, { phone, ...form }), joined)).id;
  };
  const ann = await join(
    'a',
    '0911111111',
    { gender: 'female', birthday: '1990-05-20', marketingOptIn: true },
    new Date('2026-01-10T04:00:00Z'),
  );
  const ben = await join(
    'b',
    '0922222222',
    { gender: 'male', birthday: '2000-12-03', homeStoreId: storeB, marketingOptIn: false },
    new Date('2026-11-20T04:00:00Z'),
  );
  const cat = await join(
    'c',
    '0933333333',
    { gender: 'female', birthday: '1985-12-15', marketingOptIn: true },
    new Date('2026-02-01T04:00:00Z'),
  );
  await recordUnfollow(engine, `U${'c'.repeat(32)}`, daysAgo(5));
  const dan = await engine.write(
    async (tx) =>
      (
        await importMembership(
          tx,
          { phone: '0944444444', name: '陳阿姨', birthday: '1970-03-01' },
          new Date('2025-06-01T04:00:00Z'),
        )
      ).id,
  );
  const eve = await join(
    'e',
    '0955555555',
    { gender: 'other', birthday: '1999-07-07', marketingOptIn: true },
    new Date('2026-06-15T04:00:00Z'),
  );
  await buy(ann, 1000, daysAgo(3));
  await buy(ann, 500, daysAgo(40), 'online');
  await buy(cat, 800, daysAgo(2));
  await buy(dan, 300, daysAgo(200));
  await engine.write((tx) => tx.update(members).set({ tierCode: 'gold' }).where(eq(members.id, ann)));
  const template = await createTemplate(
    engine,
    {
      kind: 'amount_off',
      amountOff: 100,
      minSpend: 500,
      validDays: 30,
      channels: ['store'],
      title: '滿五百折一百',
      titleEn: 'NT$100 off NT$500',
      terms: '每次消費限用一張。',
      termsEn: 'One per purchase.',
      stackable: false,
    },
    counter,
    daysAgo(10),
  );
  const give = (memberId: number, key: string) =>
    issueCoupon(
      engine,
      { templateId: template.id, memberId, how: 'staff', idempotencyKey: key, at: daysAgo(5) },
      counter,
    );
  await give(ben, 'give-ben-1');
  const { coupon } = await give(ann, 'give-ann-1');
  // Ann's was used at the counter two days ago (the redemption itself is the coupon helpers' to test).
  await engine.write((tx) =>
    tx
      .update(coupons)
      .set({ status: 'used', usedAt: daysAgo(2) })
      .where(eq(coupons.id, coupon.id)),
  );
  const ids = { ann, ben, cat, dan, eve };
  const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return { engine, storeA, storeB, templateId: template.id, ids, nameOf: (id) => names.get(id)!, buy };
}
