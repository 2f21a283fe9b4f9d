import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { CLAIM_MAX_FAILURES, claimMembership } from './claims.ts';
import { currentConsent } from './consent.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership } from './members.ts';

let engine: Engine;
const start = new Date('2026-11-22T04:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const lineUser = (c: string) => `U${c.repeat(32)}`;
const claim = (phone: string, birthday: string) => ({
  phone,
  birthday,
  acceptTerms: true,
  termsVersion: currentConsent.termsVersion,
  privacyVersion: currentConsent.privacyVersion,
  marketingOptIn: true,
});

async function attempt(user: string, phone: string, birthday: string, at: Date) {
  try {
    return await claimMembership(engine, user, claim(phone, birthday), at);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
}

beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

describe('claiming an imported membership', () => {
  it('binds it to the LINE account when the phone and the birthday match', async () => {
    const imported = await importMember(engine, '0933111222', '1965-03-08');
    const member = await attempt(lineUser('a'), '0933-111-222', '1965-03-08', start);
    expect(member).toMatchObject({ id: imported.id, lineUserId: lineUser('a'), marketingOptIn: true });
    expect((await engine.read((tx) => findMemberByLineUser(tx, lineUser('a'))))?.id).toBe(imported.id);
  });

  it('says the same for a wrong birthday and an unknown number, counting down the attempts', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    expect(await attempt(lineUser('a'), '0933111222', '1965-03-09', start)).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 4,
    });
    expect(await attempt(lineUser('a'), '0933999888', '1965-03-08', minutes(1))).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 3,
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

  it('locks the phone number against guesses spread over many LINE accounts', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    const guessers = ['b', 'c', 'd', 'e', 'f'];
    for (const [i, c] of guessers.entries()) {
      await attempt(lineUser(c), '0933111222', `1970-01-0${i + 1}`, minutes(i));
    }
    expect(await attempt(lineUser('9'), '0933111222', '1965-03-08', minutes(10))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
  });

  it('cannot take a membership that is already bound to another LINE account', async () => {
    const store = await addStore(engine);
    await joinMembership(
      engine,
      lineUser('a'),
      joinForm(store.id, { phone: '0955666777', birthday: '1988-08-08' }),
      start,
    );
    expect(await attempt(lineUser('b'), '0955666777', '1988-08-08', start)).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 4,
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

  it('counts a burst of guesses at one number one after the other, and stops it at the fifth failure', async () => {
    await importMember(engine, '0933111222', '1965-03-08');
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        attempt(lineUser(i.toString(16)), '0933111222', `1970-01-${String(i + 1).padStart(2, '0')}`, start),
      ),
    );
    const codes = guesses.map((guess) => ('code' in guess ? guess.code : 'CLAIMED'));
    expect(codes.filter((code) => code === 'CLAIM_MISMATCH')).toHaveLength(4);
    expect(codes.filter((code) => code === 'CLAIM_LOCKED')).toHaveLength(6);
  });
});
