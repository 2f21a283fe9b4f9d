import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership, updateProfile } from './members.ts';
import { deleteMembership, exportMemberData, unbindMembership } from './personal-data.ts';
import { earnPoints } from './points.ts';

let engine: Engine;
let storeId: number;
const now = new Date('2026-11-22T04:00:00Z');
const lineUser = `U${'a'.repeat(32)}`;

beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
});
afterEach(() => engine.close());

async function refusal(running: Promise<unknown>): Promise<DomainError> {
  try {
    await running;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const memberOfLineUser = (lineUserId: string) => engine.read((tx) => findMemberByLineUser(tx, lineUserId));

describe('joining', () => {
  it('makes a LINE friend a member in the entry tier, storing the consent versions and the time', async () => {
    const member = await joinMembership(engine, lineUser, joinForm(storeId, { phone: '0912-345-678' }), now);
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

  it('names every invalid field at once and stores nothing', async () => {
    const error = await refusal(
      joinMembership(
        engine,
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
    expect(await memberOfLineUser(lineUser)).toBeUndefined();
  });

  it('refuses a birthday in the future and terms that are no longer current', async () => {
    const error = await refusal(
      joinMembership(
        engine,
        lineUser,
        joinForm(storeId, { birthday: '2027-01-01', termsVersion: '2020-01-01' }),
        now,
      ),
    );
    expect(error.details.fields).toEqual({ birthday: 'BIRTHDAY_INVALID', acceptTerms: 'TERMS_OUTDATED' });
  });

  it('binds one LINE account to one member', async () => {
    await joinMembership(engine, lineUser, joinForm(storeId), now);
    expect(
      (await refusal(joinMembership(engine, lineUser, joinForm(storeId, { phone: '0922333444' }), now))).code,
    ).toBe('ALREADY_MEMBER');
  });

  it('sends a phone number of an imported membership to the claim step instead of a second account', async () => {
    await importMember(engine, '0912345678', '1970-01-01');
    expect((await refusal(joinMembership(engine, lineUser, joinForm(storeId), now))).code).toBe(
      'PHONE_CLAIMABLE',
    );
  });

  it('refuses a phone number another LINE member uses', async () => {
    await joinMembership(engine, lineUser, joinForm(storeId), now);
    const error = await refusal(joinMembership(engine, `U${'b'.repeat(32)}`, joinForm(storeId), now));
    expect(error.details.fields).toEqual({ phone: 'PHONE_TAKEN' });
  });

  it('makes one member of joins racing for one LINE account, and for one phone number', async () => {
    const sameAccount = await Promise.allSettled(
      ['0922000001', '0922000002', '0922000003'].map((phone) =>
        joinMembership(engine, lineUser, joinForm(storeId, { phone }), now),
      ),
    );
    expect(sameAccount.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of sameAccount.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ code: 'ALREADY_MEMBER' });
    }
    const others = ['b', 'c', 'd'].map((c) => `U${c.repeat(32)}`);
    const samePhone = await Promise.allSettled(
      others.map((user) => joinMembership(engine, user, joinForm(storeId, { phone: '0933000001' }), now)),
    );
    expect(samePhone.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of samePhone.filter((o) => o.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ details: { fields: { phone: 'PHONE_TAKEN' } } });
    }
  });
});

describe('the profile', () => {
  it('changes contact fields and the opt-in with its time, and never the birthday', async () => {
    const member = await joinMembership(engine, lineUser, joinForm(storeId), now);
    const later = new Date(now.getTime() + 60_000);
    const updated = await updateProfile(
      engine,
      member,
      { email: 'new@example.com', marketingOptIn: true },
      later,
    );
    expect(updated).toMatchObject({
      email: 'new@example.com',
      marketingOptIn: true,
      marketingOptInAt: later,
    });
    const error = await refusal(updateProfile(engine, updated, { birthday: '1991-01-01' } as never, later));
    expect(error.details.fields).toEqual({ birthday: 'BIRTHDAY_LOCKED' });
  });
});

describe('unbinding and deleting', () => {
  const earnThirty = (memberId: number) =>
    earnPoints(engine, {
      memberId,
      points: 30,
      amount: 1500,
      storeId,
      channel: 'store',
      reference: 'R1',
      idempotencyKey: 'k1',
      at: now,
    });

  it('unbinds the LINE account but keeps the membership and its points, claimable again', async () => {
    const member = await joinMembership(engine, lineUser, joinForm(storeId), now);
    await earnThirty(member.id);
    await unbindMembership(engine, member, now);
    expect(await memberOfLineUser(lineUser)).toBeUndefined();
    expect((await refusal(joinMembership(engine, lineUser, joinForm(storeId), now))).code).toBe(
      'PHONE_CLAIMABLE',
    );
  });

  it('erases personal data on deletion and keeps the ledger tied to no one', async () => {
    const member = await joinMembership(engine, lineUser, joinForm(storeId), now);
    await earnThirty(member.id);
    await deleteMembership(engine, member, now);
    const erased = await exportMemberData(engine, { ...member, id: member.id }, now);
    expect(erased.pointsLedger).toHaveLength(1);
    const [row] = await engine.read((tx) => tx.select().from(members).where(eq(members.id, member.id)));
    expect(row).toMatchObject({
      status: 'deleted',
      lineUserId: null,
      phone: null,
      name: null,
      birthday: null,
      email: null,
      gender: null,
    });
    expect(JSON.stringify(row)).not.toContain('王小明');
    // The same person may join again with the same number.
    expect((await joinMembership(engine, lineUser, joinForm(storeId), now)).id).not.toBe(member.id);
  });
});
