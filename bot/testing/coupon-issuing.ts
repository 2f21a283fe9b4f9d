import type { Engine } from '../../db/engine.ts';
import type { TemplateFields } from '../domain/coupon-templates.ts';
import { DomainError } from '../domain/errors.ts';
import { importMembership } from '../domain/members.ts';

/** A claimable NT$50-off template, as the issuing tests start from. */
export const couponFields = (overrides: Partial<TemplateFields> = {}): TemplateFields => ({
  kind: 'amount_off',
  amountOff: 50,
  minSpend: 300,
  validDays: 30,
  channels: ['store'],
  title: '滿三百折五十',
  titleEn: 'NT$50 off NT$300',
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
  claimable: true,
  ...overrides,
});

/** `n` in-store members written in one transaction: the concurrency tests need many, fast. */
export function manyMembers(
  engine: Engine,
  n: number,
  birthday = '1980-01-01',
  first = 0,
): Promise<number[]> {
  return engine.write(async (tx) => {
    const ids: number[] = [];
    for (let i = first; i < first + n; i++) {
      const phone = `09${String(30_000_000 + i)}`;
      ids.push((await importMembership(tx, { phone, name: `會員${i}`, birthday }, new Date())).id);
    }
    return ids;
  });
}

/** What a call came to: a claim's outcome, DONE, or the refusal's code. */
export const outcomeOf = (work: Promise<unknown>) =>
  work.then(
    (result) => (result as { outcome?: string }).outcome ?? 'DONE',
    (error) => (error instanceof DomainError ? error.code : String(error)),
  );
