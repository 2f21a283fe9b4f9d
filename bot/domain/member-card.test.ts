import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { CARD_PERIOD_SECONDS, cardCode, hotp, memberByCardCode } from './member-card.ts';
import { joinMembership, type Member } from './members.ts';
import { deleteMembership } from './personal-data.ts';

let engine: Engine;
let member: Member;
const t0 = new Date('2026-11-22T04:00:00Z');
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);

beforeEach(async () => {
  engine = await openTestEngine();
  member = await joinMembership(engine, `U${'c'.repeat(32)}`, joinForm((await addStore(engine)).id), t0);
});
afterEach(() => engine.close());

const memberShowing = (code: string, at: Date) => engine.read((tx) => memberByCardCode(tx, code, at));

describe('member card codes', () => {
  it('follow RFC 4226 truncation (HMAC-SHA256 test secret)', () => {
    // RFC 6238's SHA-256 test vector: secret "12345678901234567890123456789012", T = 59 s -> 46119246.
    expect(hotp(Buffer.from('12345678901234567890123456789012'), 1)).toBe('46119246');
  });

  it('hold neither the LINE user ID nor the member number', () => {
    const code = cardCode(member, t0);
    expect(code).toMatch(/^[0-9A-Z]{10}\d{8}$/);
    expect(code).not.toContain(member.memberNumber.slice(1));
    expect(code).not.toContain(member.lineUserId!.slice(1, 9));
  });

  it('rotate every period and are accepted in their period and the next only', async () => {
    const code = cardCode(member, t0);
    expect(cardCode(member, seconds(CARD_PERIOD_SECONDS))).not.toBe(code);
    expect((await memberShowing(code, t0))?.id).toBe(member.id);
    expect((await memberShowing(code.toLowerCase(), seconds(CARD_PERIOD_SECONDS)))?.id).toBe(member.id);
    expect(await memberShowing(code, seconds(2 * CARD_PERIOD_SECONDS + 1))).toBeNull();
    expect(await memberShowing(code, seconds(-CARD_PERIOD_SECONDS))).toBeNull();
  });

  it('refuse a made-up code and the card of a deleted membership', async () => {
    expect(await memberShowing(`${member.cardId}00000000`, t0)).toBeNull();
    expect(await memberShowing('not a code', t0)).toBeNull();
    const code = cardCode(member, t0);
    await deleteMembership(engine, member, t0);
    expect(await memberShowing(code, t0)).toBeNull();
  });
});
