import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { CLAIM_MAX_FAILURES, claimMembership } from './claims.ts';
import { currentConsent } from './consent.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership } from './members.ts';

let db: Database;
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

function attempt(user: string, phone: string, birthday: string, at: Date) {
  try {
    return claimMembership(db, user, claim(phone, birthday), at);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
}

beforeEach(() => {
  db = openDatabase(':memory:');
});

describe('claiming an imported membership', () => {
  it('binds it to the LINE account when the phone and the birthday match', () => {
    const imported = importMember(db, '0933111222', '1965-03-08');
    const member = attempt(lineUser('a'), '0933-111-222', '1965-03-08', start);
    expect(member).toMatchObject({ id: imported.id, lineUserId: lineUser('a'), marketingOptIn: true });
    expect(findMemberByLineUser(db, lineUser('a'))?.id).toBe(imported.id);
  });

  it('says the same for a wrong birthday and an unknown number, counting down the attempts', () => {
    importMember(db, '0933111222', '1965-03-08');
    expect(attempt(lineUser('a'), '0933111222', '1965-03-09', start)).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 4,
    });
    expect(attempt(lineUser('a'), '0933999888', '1965-03-08', minutes(1))).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 3,
    });
  });

  it('locks a LINE account for a day after five failures, even with the right birthday', () => {
    importMember(db, '0933111222', '1965-03-08');
    for (let i = 0; i < CLAIM_MAX_FAILURES - 1; i++)
      attempt(lineUser('a'), '0933111222', `1965-01-0${i + 1}`, minutes(i));
    expect(attempt(lineUser('a'), '0933111222', '1965-01-09', minutes(5))).toEqual({
      code: 'CLAIM_LOCKED',
      lockedUntil: new Date(start.getTime() + 24 * 3600_000).toISOString(),
    });
    expect(attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(60))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
    expect(attempt(lineUser('a'), '0933111222', '1965-03-08', minutes(24 * 60 + 1))).toMatchObject({
      lineUserId: lineUser('a'),
    });
  });

  it('locks the phone number against guesses spread over many LINE accounts', () => {
    importMember(db, '0933111222', '1965-03-08');
    const guessers = ['b', 'c', 'd', 'e', 'f'];
    guessers.forEach((c, i) => {
      attempt(lineUser(c), '0933111222', `1970-01-0${i + 1}`, minutes(i));
    });
    expect(attempt(lineUser('9'), '0933111222', '1965-03-08', minutes(10))).toMatchObject({
      code: 'CLAIM_LOCKED',
    });
  });

  it('cannot take a membership that is already bound to another LINE account', () => {
    const store = addStore(db);
    joinMembership(
      db,
      lineUser('a'),
      joinForm(store.id, { phone: '0955666777', birthday: '1988-08-08' }),
      start,
    );
    expect(attempt(lineUser('b'), '0955666777', '1988-08-08', start)).toEqual({
      code: 'CLAIM_MISMATCH',
      attemptsLeft: 4,
    });
  });
});
