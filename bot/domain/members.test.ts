import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { TRIES_PER_ACCOUNT } from './claim-limits.ts';
import { DomainError } from './errors.ts';
import { findMemberByLineUser, joinMembership, updateProfile } from './members.ts';
import { deleteMembership, exportMemberData, unbindMembership } from './personal-data.ts';
import { earnPoints } from './points-earning.ts';

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

  it('answers a number in use the same, whether a member in the shops or in LINE holds it', async () => {
    await importMember(engine, '0912345678', '1970-01-01');
    await joinMembership(engine, `U${'b'.repeat(32)}`, joinForm(storeId, { phone: '0922333444' }), now);
    const inShops = await refusal(joinMembership(engine, lineUser, joinForm(storeId), now));
    const inLine = await refusal(
      joinMembership(engine, lineUser, joinForm(storeId, { phone: '0922333444' }), now),
    );
    expect([inShops.code, inShops.details]).toEqual(['PHONE_REGISTERED', {}]);
    expect([inLine.code, inLine.details]).toEqual(['PHONE_REGISTERED', {}]);
    expect(inLine.message).toBe(inShops.message);
  });

  it('answers five numbers in use a day, then refuses every number alike, a free one too', async () => {
    for (let i = 0; i < TRIES_PER_ACCOUNT; i++) await importMember(engine, `093300000${i}`, '1970-01-01');
    for (let i = 0; i < TRIES_PER_ACCOUNT; i++) {
      const error = await refusal(
        joinMembership(engine, lineUser, joinForm(storeId, { phone: `093300000${i}` }), now),
      );
      expect(error.code).toBe('PHONE_REGISTERED');
    }
    const free = await refusal(
      joinMembership(engine, lineUser, joinForm(storeId, { phone: '0944000000' }), now),
    );
    expect([free.code, free.details]).toEqual([
      'PHONE_LOCKED',
      { lockedUntil: new Date(now.getTime() + 24 * 3600_000).toISOString() },
    ]);
    const dayLater = new Date(now.getTime() + 24 * 3600_000 + 1);
    expect(
      (await joinMembership(engine, lineUser, joinForm(storeId, { phone: '0944000000' }), dayLater)).phone,
    ).toBe('0944000000');
  });

  it('counts a burst of joins with numbers in use one after the other', async () => {
    for (let i = 0; i < 8; i++) await importMember(engine, `093300000${i}`, '1970-01-01');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        joinMembership(engine, lineUser, joinForm(storeId, { phone: `093300000${i}` }), now),
      ),
    );
    const codes = outcomes.map((o) => (o.status === 'rejected' ? o.reason.code : 'JOINED'));
    expect(codes.filter((code) => code === 'PHONE_REGISTERED')).toHaveLength(TRIES_PER_ACCOUNT);
    expect(codes.filter((code) => code === 'PHONE_LOCKED')).toHaveLength(8 - TRIES_PER_ACCOUNT);
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
      expect(outcome.reason).toMatchObject({ code: 'PHONE_REGISTERED' });
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

  it('refuses a number in use like a join, counted with the joins, and then refuses every new number', async () => {
    const member = await joinMembership(engine, lineUser, joinForm(storeId), now);
    await importMember(engine, '0933000000', '1970-01-01');
    await joinMembership(engine, `U${'b'.repeat(32)}`, joinForm(storeId, { phone: '0933000001' }), now);
    for (const phone of ['0933000000', '0933000001']) {
      const error = await refusal(updateProfile(engine, member, { phone, name: '王大明' }, now));
      expect(error.details.fields).toEqual({ phone: 'PHONE_REGISTERED' });
    }
    for (let i = 2; i < TRIES_PER_ACCOUNT; i++) {
      await refusal(updateProfile(engine, member, { phone: '0933000000' }, now));
    }
    const free = await refusal(updateProfile(engine, member, { phone: '0944000000' }, now));
    expect(free.code).toBe('PHONE_LOCKED');
    expect((await updateProfile(engine, member, { name: '王大明' }, now)).name).toBe('王大明');
    expect((await memberOfLineUser(lineUser))?.phone).toBe('0912345678');
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
      'PHONE_REGISTERED',
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
