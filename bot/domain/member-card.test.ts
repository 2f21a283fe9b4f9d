import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { CARD_PERIOD_SECONDS, cardCode, hotp, memberByCardCode } from './member-card.ts';
import { joinMembership, type Member } from './members.ts';
import { deleteMembership } from './personal-data.ts';

let db: Database;
let member: Member;
const t0 = new Date('2026-11-22T04:00:00Z');
const seconds = (n: number) => new Date(t0.getTime() + n * 1000);

beforeEach(() => {
  db = openDatabase(':memory:');
  member = joinMembership(db, `U${'c'.repeat(32)}`, joinForm(addStore(db).id), t0);
});

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

  it('rotate every period and are accepted in their period and the next only', () => {
    const code = cardCode(member, t0);
    expect(cardCode(member, seconds(CARD_PERIOD_SECONDS))).not.toBe(code);
    expect(memberByCardCode(db, code, t0)?.id).toBe(member.id);
    expect(memberByCardCode(db, code.toLowerCase(), seconds(CARD_PERIOD_SECONDS))?.id).toBe(member.id);
    expect(memberByCardCode(db, code, seconds(2 * CARD_PERIOD_SECONDS + 1))).toBeNull();
    expect(memberByCardCode(db, code, seconds(-CARD_PERIOD_SECONDS))).toBeNull();
  });

  it('refuse a made-up code and the card of a deleted membership', () => {
    expect(memberByCardCode(db, `${member.cardId}00000000`, t0)).toBeNull();
    expect(memberByCardCode(db, 'not a code', t0)).toBeNull();
    const code = cardCode(member, t0);
    deleteMembership(db, member, t0);
    expect(memberByCardCode(db, code, t0)).toBeNull();
  });
});
