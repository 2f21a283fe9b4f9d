import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { addStaff } from '../testing/staff.ts';
import { type IssuedClaimCode, issueClaimCode } from './claim-codes.ts';
import { BIRTHDAY_FAILURES_PER_NUMBER, failedTries } from './claim-limits.ts';
import { CLAIM_MAX_FAILURES, claimMembership } from './claims.ts';
import { currentConsent } from './consent.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership } from './members.ts';
import { earnPoints } from './points-earning.ts';

let engine: Engine;
const start = new Date('2026-11-22T04:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const lineUser = (c: string) => `U${c.repeat(32)}`;
const consent = {
  acceptTerms: true,
  termsVersion: currentConsent.termsVersion,
  privacyVersion: currentConsent.privacyVersion,
  marketingOptIn: true,
};

async function attempt(user: string, phone: string, proof: string | { code: string }, at: Date) {
  const by = typeof proof === 'string' ? { birthday: proof } : { claimCode: proof.code };
  try {
    return await claimMembership(engine, user, { phone, ...by, ...consent }, at);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
}

/** A clerk at a store hands the member at the counter a claim code. */
async function codeFromCounter(phone: string, at = start): Promise<IssuedClaimCode> {
  const store = await addStore(engine, `S${Math.random().toString(36).slice(2, 6)}`);
  const clerk = await addStaff(engine, `clerk${store.id}`, 'clerk', [store.id]);
  const actor = {
    staffId: clerk.id,
    storeId: store.id,
    ip: null,
    may: { role: 'clerk', storeIds: [store.id] },
  };
  return issueClaimCode(engine, { phone }, actor as never, at);
}

/** Five wrong birthdays from one LINE account. */
async function guessFiveTimes(user: string, phone: string) {
  for (let i = 0; i < CLAIM_MAX_FAILURES; i++) await attempt(user, phone, `1970-01-0${i + 1}`, minutes(i));
}

beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

describe('claiming an in-store membership with the birthday', () => {
  it('binds it to the LINE account when the phone and the birthday match', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const member = await attempt(lineUser('a'), '0933-111-222', '1965-03-08', start);
    expect(member).toMatchObject({ id: imported.id, lineUserId: lineUser('a'), marketingOptIn: true });
    expect((await engine.read((tx) => findMemberByLineUser(tx, lineUser('a'))))?.id).toBe(imported.id);
  });

  it('says the same for a wrong birthday, an unknown number and a number bound to LINE', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    const store = await addStore(engine);
    await joinMembership(engine, lineUser('b'), joinForm(store.id, { phone: '0955666777' }), start);
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-09', start)).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 4,
    });
    expect(await attempt(lineUser('a'), '0933999888', '1965-03-08', minutes(1))).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 3,
    });
    expect(await attempt(lineUser('a'), '0955666777', '1990-05-20', minutes(2))).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 2,
    });
  });

  it('locks a LINE account for a day after five failures, even with the right birthday', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    for (let i = 0; i < CLAIM_MAX_FAILURES - 1; i++)
      await attempt(lineUser('a'), '0933111222', `1965-01-0${i + 1}`, minutes(i));
    expect(await attempt(lineUser('a'), '0933111222', '1965-01-09', minutes(5))).toEqual({
      code: 'CLAIM_LOCKED',
      lockedUntil: new Date(start.getTime() + 24 * 3600_000).toISOString(),
    });
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(60))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(24 * 60 + 1))).toMatchObject({
      lineUserId: lineUser('a'),
    });
  });

  it('locks the stranger who guessed five times, never the owner', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    await guessFiveTimes(lineUser('b'), '0933111222');
    expect(await attempt(lineUser('b'), '0933111222', '1965-03-08', minutes(10))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(11))).toMatchObject({
      id: imported.id,
      lineUserId: lineUser('a'),
    });
  });

  it('stops taking birthdays for a number after guesses from many accounts; a counter code still works', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const guessers = 'bcdefghijk'.split('').slice(0, BIRTHDAY_FAILURES_PER_NUMBER);
    for (const [i, c] of guessers.entries()) {
      await attempt(lineUser(c), '0933111222', `1970-01-${String(i + 1).padStart(2, '0')}`, minutes(i));
    }
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(20))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
    const { code } = await codeFromCounter('0933111222', minutes(30));
    expect(await attempt(lineUser('a'), '0933111222', { code }, minutes(31))).toMatchObject({
      id: imported.id,
      lineUserId: lineUser('a'),
    });
  });

  it('binds a membership to one of two LINE accounts claiming it at once', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const outcomes = await Promise.all(
      ['a', 'b'].map((c) => attempt(lineUser(c), '0933111222', '1965-03-08', start)),
    );
    expect(outcomes.filter((outcome) => 'id' in outcome && outcome.id === imported.id)).toHaveLength(1);
    expect(outcomes).toContainEqual({ code: 'CLAIM_MISMATCH', attemptsLeft: 4 });
  });

  it('counts a burst of one account’s guesses at many numbers one after the other', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        attempt(lineUser('a'), `093311122${i}`, `1970-01-${String(i + 1).padStart(2, '0')}`, start),
      ),
    );
    const codes = guesses.map((guess) => ('code' in guess ? guess.code : 'CLAIMED'));
    expect(codes.filter((code) => code === 'CLAIM_MISMATCH')).toHaveLength(CLAIM_MAX_FAILURES - 1);
    expect(codes.filter((code) => code === 'CLAIM_LOCKED')).toHaveLength(9 - (CLAIM_MAX_FAILURES - 1));
    expect(await engine.read((tx) => failedTries(tx, lineUser('a'), 'birthday'))).toBe(CLAIM_MAX_FAILURES);
  });

  it('counts a burst of guesses at one number from many accounts, and closes its birthday at the limit', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    const accounts = BIRTHDAY_FAILURES_PER_NUMBER + 3;
    const guesses = await Promise.all(
      Array.from({ length: accounts }, (_, i) =>
        attempt(lineUser(i.toString(16)), '0933111222', `1970-01-${String(i + 1).padStart(2, '0')}`, start),
      ),
    );
    const codes = guesses.map((guess) => ('code' in guess ? guess.code : 'CLAIMED'));
    expect(codes.filter((code) => code === 'CLAIM_MISMATCH')).toHaveLength(BIRTHDAY_FAILURES_PER_NUMBER);
    expect(codes.filter((code) => code === 'CLAIM_LOCKED')).toHaveLength(3);
  });
});

describe('claiming with a code from the counter', () => {
  it('binds the membership once; the same code again, an old or an expired code do not match', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const first = await codeFromCounter('0933111222');
    const newest = await codeFromCounter('0933111222', minutes(1));
    expect(await attempt(lineUser('a'), '0933111222', { code: first.code }, minutes(2))).toMatchObject({
      code: 'CLAIM_MISMATCH',
    });
    expect(await attempt(lineUser('a'), '0933111222', { code: newest.code }, minutes(32))).toMatchObject({
      code: 'CLAIM_MISMATCH',
    });
    const fresh = await codeFromCounter('0933111222', minutes(40));
    const spaced = `${fresh.code.slice(0, 4)} ${fresh.code.slice(4)}`;
    expect(await attempt(lineUser('a'), '0933111222', { code: spaced }, minutes(41))).toMatchObject({
      id: imported.id,
    });
    expect(await attempt(lineUser('b'), '0933111222', { code: fresh.code }, minutes(42))).toMatchObject({
      code: 'CLAIM_MISMATCH',
    });
  });

  it('still takes a code from an account locked for birthdays, and locks codes after five wrong ones', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    await guessFiveTimes(lineUser('a'), '0933111222');
    const { code } = await codeFromCounter('0933111222', minutes(10));
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < CLAIM_MAX_FAILURES - 1; i++) {
      expect(await attempt(lineUser('a'), '0933111222', { code: wrong }, minutes(11))).toMatchObject({
        code: 'CLAIM_MISMATCH',
        attemptsLeft: CLAIM_MAX_FAILURES - 1 - i,
      });
    }
    expect(await attempt(lineUser('a'), '0933111222', { code }, minutes(12))).toMatchObject({
      id: imported.id,
    });

    await importMember(engine, '0933444555', '1970-01-01', '李先生');
    const other = await codeFromCounter('0933444555', minutes(13));
    for (let i = 0; i < CLAIM_MAX_FAILURES; i++)
      await attempt(lineUser('b'), '0933444555', { code: wrong }, minutes(14));
    expect(await attempt(lineUser('b'), '0933444555', { code: other.code }, minutes(15))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
  });

  it('is issued only for a membership without LINE, and asks for the birthday or the code, not both', async () => {
    const store = await addStore(engine);
    await joinMembership(engine, lineUser('b'), joinForm(store.id, { phone: '0955666777' }), start);
    await expect(codeFromCounter('0955666777')).rejects.toMatchObject({ code: 'MEMBER_HAS_LINE' });
    await expect(codeFromCounter('0911000000')).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    const both = { phone: '0933111222', birthday: '1965-03-08', claimCode: '12345678', ...consent };
    await expect(claimMembership(engine, lineUser('a'), both, start)).rejects.toMatchObject({
      details: { fields: { claimCode: 'BIRTHDAY_OR_CODE' } },
    });
  });
});

describe('the tier of a claimed membership', () => {
  it('follows the spend recorded before the claim at once', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const store = await addStore(engine);
    for (const month of [1, 2, 3]) {
      await earnPoints(engine, {
        memberId: imported.id,
        points: 80,
        amount: 4000,
        storeId: store.id,
        channel: 'store',
        reference: `R${month}`,
        idempotencyKey: `import-${month}`,
        at: new Date(start.getTime() - month * 30 * 86_400_000),
      });
    }
    // As imported before spend outside the counter moved the tier: the claim itself must catch up.
    await engine.write((tx) =>
      tx.update(members).set({ tierCode: 'regular' }).where(eq(members.id, imported.id)),
    );
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-08', start)).toMatchObject({
      tierCode: 'silver',
    });
  });
});
