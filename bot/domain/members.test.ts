import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership, updateProfile } from './members.ts';
import { deleteMembership, exportMemberData, unbindMembership } from './personal-data.ts';
import { earnPoints } from './points.ts';

let db: Database;
let storeId: number;
const now = new Date('2026-11-22T04:00:00Z');
const lineUser = `U${'a'.repeat(32)}`;

beforeEach(() => {
  db = openDatabase(':memory:');
  storeId = addStore(db).id;
});

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('joining', () => {
  it('makes a LINE friend a member in the entry tier, storing the consent versions and the time', () => {
    const member = joinMembership(db, lineUser, joinForm(storeId, { phone: '0912-345-678' }), now);
    expect(member).toMatchObject({
      lineUserId: lineUser,
      phone: '0912345678',
      tierCode: 'regular',
      pointsBalance: 0,
      termsVersion: '2026-11-01',
      consentedAt: now,
      marketingOptIn: false,
      marketingOptInAt: null,
    });
    expect(member.cardId).toMatch(/^[0-9A-Z]{10}$/);
  });

  it('names every invalid field at once and stores nothing', () => {
    const error = refusal(() =>
      joinMembership(
        db,
        lineUser,
        joinForm(storeId, {
          phone: '0212345678',
          name: ' ',
          birthday: '1990-02-30',
          email: 'not-an-email',
          homeStoreId: 999,
          acceptTerms: false,
        }),
        now,
      ),
    );
    expect(error.code).toBe('INVALID_FIELDS');
    expect(error.details.fields).toEqual({
      phone: 'PHONE_INVALID',
      name: 'NAME_INVALID',
      email: 'EMAIL_INVALID',
      birthday: 'BIRTHDAY_INVALID',
      homeStoreId: 'STORE_INVALID',
      acceptTerms: 'CONSENT_REQUIRED',
    });
    expect(findMemberByLineUser(db, lineUser)).toBeUndefined();
  });

  it('refuses a birthday in the future and terms that are no longer current', () => {
    const error = refusal(() =>
      joinMembership(
        db,
        lineUser,
        joinForm(storeId, { birthday: '2027-01-01', termsVersion: '2020-01-01' }),
        now,
      ),
    );
    expect(error.details.fields).toEqual({ birthday: 'BIRTHDAY_INVALID', acceptTerms: 'TERMS_OUTDATED' });
  });

  it('binds one LINE account to one member', () => {
    joinMembership(db, lineUser, joinForm(storeId), now);
    expect(
      refusal(() => joinMembership(db, lineUser, joinForm(storeId, { phone: '0922333444' }), now)).code,
    ).toBe('ALREADY_MEMBER');
  });

  it('sends a phone number of an imported membership to the claim step instead of a second account', () => {
    importMember(db, '0912345678', '1970-01-01');
    expect(refusal(() => joinMembership(db, lineUser, joinForm(storeId), now)).code).toBe('PHONE_CLAIMABLE');
  });

  it('refuses a phone number another LINE member uses', () => {
    joinMembership(db, lineUser, joinForm(storeId), now);
    const error = refusal(() => joinMembership(db, `U${'b'.repeat(32)}`, joinForm(storeId), now));
    expect(error.details.fields).toEqual({ phone: 'PHONE_TAKEN' });
  });
});

describe('the profile', () => {
  it('changes contact fields and the opt-in with its time, and never the birthday', () => {
    const member = joinMembership(db, lineUser, joinForm(storeId), now);
    const later = new Date(now.getTime() + 60_000);
    const updated = updateProfile(db, member, { email: 'new@example.com', marketingOptIn: true }, later);
    expect(updated).toMatchObject({
      email: 'new@example.com',
      marketingOptIn: true,
      marketingOptInAt: later,
    });
    const error = refusal(() => updateProfile(db, updated, { birthday: '1991-01-01' } as never, later));
    expect(error.details.fields).toEqual({ birthday: 'BIRTHDAY_LOCKED' });
  });
});

describe('unbinding and deleting', () => {
  it('unbinds the LINE account but keeps the membership and its points, claimable again', () => {
    const member = joinMembership(db, lineUser, joinForm(storeId), now);
    earnPoints(db, {
      memberId: member.id,
      points: 30,
      amount: 1500,
      storeId,
      channel: 'store',
      reference: 'R1',
      idempotencyKey: 'k1',
      at: now,
    });
    unbindMembership(db, member, now);
    expect(findMemberByLineUser(db, lineUser)).toBeUndefined();
    expect(refusal(() => joinMembership(db, lineUser, joinForm(storeId), now)).code).toBe('PHONE_CLAIMABLE');
  });

  it('erases personal data on deletion and keeps the ledger tied to no one', () => {
    const member = joinMembership(db, lineUser, joinForm(storeId), now);
    earnPoints(db, {
      memberId: member.id,
      points: 30,
      amount: 1500,
      storeId,
      channel: 'store',
      reference: 'R1',
      idempotencyKey: 'k1',
      at: now,
    });
    deleteMembership(db, member, now);
    const erased = exportMemberData(db, { ...member, id: member.id }, now);
    expect(erased.pointsLedger).toHaveLength(1);
    const row = db.$client.prepare('SELECT * FROM members WHERE id = ?').get(member.id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      status: 'deleted',
      line_user_id: null,
      phone: null,
      name: null,
      birthday: null,
      email: null,
      gender: null,
    });
    expect(JSON.stringify(row)).not.toContain('王小明');
    // The same person may join again with the same number.
    expect(joinMembership(db, lineUser, joinForm(storeId), now).id).not.toBe(member.id);
  });
});
