import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { coupons, couponTemplates } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember } from '../testing/members.ts';
import type { Actor } from './actor.ts';
import { createTemplate, type TemplateFields, templateProblems, updateTemplate } from './coupon-templates.ts';
import { issueCoupon } from './coupons.ts';
import { DomainError } from './errors.ts';

const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Taipei
const operator: Actor = { staffId: null, storeId: null, ip: null, may: 'everything' };
/** A staff member whose session works at `storeId`, one of their stores `storeIds`. */
const as = (
  role: 'clerk' | 'store_manager' | 'marketer',
  storeId: number | null = null,
  storeIds: number[] = [],
): Actor => ({
  staffId: null,
  storeId,
  ip: null,
  may: { role, storeIds: role === 'marketer' ? 'all' : storeIds },
});
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'DONE',
    (error) => (error instanceof DomainError ? error.code : String(error)),
  );

const fields = (overrides: Partial<TemplateFields> = {}): TemplateFields => ({
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
  ...overrides,
});

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const membersOf = async (n: number) => {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await importMember(engine, `09${String(10_000_000 + i)}`, '1980-01-01')).id);
  return ids;
};

describe('coupon templates', () => {
  it('name every field that is wrong', () => {
    expect(
      templateProblems(
        fields({
          amountOff: 0,
          minSpend: -1,
          validDays: null,
          totalCap: 0,
          perMemberCap: 1.5,
          discountBudget: -5,
          storeIds: [],
          channels: [],
          title: ' ',
          titleEn: '',
          imageUrl: 'http://x',
          terms: '',
          termsEn: '',
        }),
      ),
    ).toEqual({
      amountOff: 'AMOUNT_INVALID',
      minSpend: 'AMOUNT_INVALID',
      validity: 'VALIDITY_ONE_OF',
      totalCap: 'CAP_INVALID',
      perMemberCap: 'CAP_INVALID',
      discountBudget: 'AMOUNT_INVALID',
      storeIds: 'STORES_INVALID',
      channels: 'CHANNELS_INVALID',
      title: 'TITLE_INVALID',
      titleEn: 'TITLE_INVALID',
      imageUrl: 'IMAGE_URL_INVALID',
      terms: 'TERMS_INVALID',
      termsEn: 'TERMS_INVALID',
    });
    expect(templateProblems(fields({ kind: 'percent_off', percentOff: 100 }))).toEqual({
      percentOff: 'PERCENT_INVALID',
      maxDiscount: 'AMOUNT_INVALID',
    });
    expect(templateProblems(fields({ kind: 'gift', giftName: '', giftNameEn: 'Tote' }))).toEqual({
      giftName: 'GIFT_NAME_INVALID',
    });
    expect(
      templateProblems(fields({ validDays: null, validFrom: now, validUntil: new Date(now.getTime() - 1) })),
    ).toEqual({ validUntil: 'WINDOW_INVALID' });
    expect(templateProblems(fields({ validFrom: now, validUntil: now }))).toEqual({
      validity: 'VALIDITY_ONE_OF',
    });
    expect(templateProblems(fields())).toEqual({});
  });

  it('name only stores that exist', async () => {
    expect(await codeOf(createTemplate(engine, fields({ storeIds: [999] }), operator, now))).toBe(
      'INVALID_FIELDS',
    );
    const store = (await addStore(engine)).id;
    expect((await createTemplate(engine, fields({ storeIds: [store] }), operator, now)).storeIds).toEqual([
      store,
    ]);
  });

  it('are made by marketers and admins, read by store managers, given by the counter', async () => {
    expect(await codeOf(createTemplate(engine, fields(), as('clerk'), now))).toBe('FORBIDDEN');
    expect(await codeOf(createTemplate(engine, fields(), as('store_manager'), now))).toBe('FORBIDDEN');
    const template = await createTemplate(engine, fields(), as('marketer'), now);
    const [member] = await membersOf(1);
    const give = (actor: Actor, key: string) =>
      issueCoupon(
        engine,
        { templateId: template.id, memberId: member!, how: 'staff', idempotencyKey: key, at: now },
        actor,
      );
    expect(await codeOf(give(as('marketer'), 'm'))).toBe('FORBIDDEN');
    const [tpe, kao] = [(await addStore(engine)).id, (await addStore(engine, 'KHH01', '高雄店')).id];
    expect(await codeOf(give(as('clerk', kao, [tpe]), 'other-store'))).toBe('FORBIDDEN');
    expect(await codeOf(give(as('clerk', tpe, [tpe]), 'c'))).toBe('DONE');
    expect(await codeOf(give(as('store_manager', kao, [tpe, kao]), 's'))).toBe('DONE');
  });

  it('keep what issued coupons mean: a change of meaning after issuing makes a copy', async () => {
    const template = await createTemplate(engine, fields({ totalCap: 10 }), operator, now);
    // Before any coupon, the template itself changes.
    expect((await updateTemplate(engine, template.id, { amountOff: 150 }, operator, now)).id).toBe(
      template.id,
    );
    const [member] = await membersOf(1);
    await issueCoupon(
      engine,
      { templateId: template.id, memberId: member!, how: 'claim', idempotencyKey: 'k', at: now },
      operator,
    );
    const renamed = await updateTemplate(
      engine,
      template.id,
      { title: '新標題', totalCap: 20 },
      operator,
      now,
    );
    expect(renamed).toMatchObject({ id: template.id, title: '新標題', totalCap: 20, amountOff: 150 });
    const copy = await updateTemplate(engine, template.id, { amountOff: 200 }, operator, now);
    expect(copy).toMatchObject({ previousId: template.id, amountOff: 200, issuedCount: 0, active: true });
    const [old] = await engine.read((tx) =>
      tx.select().from(couponTemplates).where(eq(couponTemplates.id, template.id)),
    );
    expect(old).toMatchObject({ amountOff: 150, active: false, issuedCount: 1 });
  });
});

describe('issuing coupons', () => {
  it('give N Taipei days: through the end of the Nth day after the day of issue', async () => {
    const template = await createTemplate(engine, fields({ validDays: 7 }), operator, now);
    const [member] = await membersOf(1);
    const { coupon } = await issueCoupon(
      engine,
      { templateId: template.id, memberId: member!, how: 'claim', idempotencyKey: 'k', at: now },
      operator,
    );
    expect(coupon.validUntil.toISOString()).toBe('2026-12-08T15:59:59.999Z');
    expect(coupon.code).toMatch(/^[A-Z2-9]{10}$/);
  });

  it('answer a replay with the first coupon and issue nothing more', async () => {
    const template = await createTemplate(engine, fields({ perMemberCap: 5 }), operator, now);
    const [member] = await membersOf(1);
    const request = {
      templateId: template.id,
      memberId: member!,
      how: 'claim' as const,
      idempotencyKey: 'same',
      at: now,
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => issueCoupon(engine, request, operator)),
    );
    expect(new Set(results.map((r) => r.coupon.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await engine.read((tx) => tx.select().from(coupons))).toHaveLength(1);
  });

  it('1,000 concurrent issues of a 100-cap template to many members issue exactly 100', async () => {
    const template = await createTemplate(engine, fields({ totalCap: 100 }), operator, now);
    const ids = await membersOf(50);
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        codeOf(
          issueCoupon(
            engine,
            {
              templateId: template.id,
              memberId: ids[i % ids.length]!,
              how: 'claim',
              idempotencyKey: `k${i}`,
              at: now,
            },
            operator,
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'DONE')).toHaveLength(100);
    expect(outcomes.filter((o) => o !== 'DONE').every((o) => o === 'COUPONS_ALL_ISSUED')).toBe(true);
    expect(await engine.read((tx) => tx.select().from(coupons))).toHaveLength(100);
    const [after] = await engine.read((tx) => tx.select().from(couponTemplates));
    expect(after!.issuedCount).toBe(100);
  });

  it('50 concurrent issues to one member with a cap of 2 issue exactly 2', async () => {
    const template = await createTemplate(engine, fields({ perMemberCap: 2 }), operator, now);
    const [member] = await membersOf(1);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        codeOf(
          issueCoupon(
            engine,
            { templateId: template.id, memberId: member!, how: 'claim', idempotencyKey: `k${i}`, at: now },
            operator,
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'DONE')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'COUPON_MEMBER_LIMIT')).toHaveLength(48);
  });
});
