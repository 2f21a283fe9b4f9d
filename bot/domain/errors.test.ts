import { describe, expect, it } from 'vitest';
import { DomainError, InvalidFields, refusals } from './errors.ts';

describe('the catalogue of refusals', () => {
  it('gives each refusal the status declared beside its code', () => {
    expect(new DomainError('LOOKUP_EXPIRED', 'expired').status).toBe(410);
    expect(new InvalidFields({ phone: 'PHONE_INVALID' }).status).toBe(400);
  });

  it('answers every refusal with a client error, never a server error', () => {
    for (const { status } of Object.values(refusals)) expect(status).toBeGreaterThanOrEqual(400);
    for (const { status } of Object.values(refusals)) expect(status).toBeLessThan(500);
  });

  it('takes no code the catalogue does not declare (the type check refuses it)', () => {
    // @ts-expect-error: a refusal without a declared status must not compile
    expect(new DomainError('NO_SUCH_REFUSAL', 'x').code).toBe('NO_SUCH_REFUSAL');
  });
});
