import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberView } from '../../schemas/liff-api.ts';
import { type Product, startProduct, TEST_LIFF_ID } from '../../testing/harness.ts';
import type { Language } from '../messages.ts';
import { couponsMessage } from './coupons.ts';
import { joinInvitationMessage } from './join-invitation.ts';
import { memberCardMessage, memberWelcomeMessage } from './member-welcome.ts';
import { lastValidDay } from './parts.ts';
import { pointsBalanceMessage } from './points-balance.ts';

const member: MemberView = {
  memberNumber: 'M123456789',
  name: '王小明',
  phoneMasked: '0912***678',
  phone: '0912345678',
  birthday: '1990-05-20',
  gender: 'male',
  email: null,
  homeStore: null,
  tier: { code: 'gold', name: '金卡會員', nameEn: 'Gold', color: '#B8860B' },
  pointsBalance: 12_345,
  marketingOptIn: false,
  joinedAt: '2026-11-20T02:00:00.000Z',
};
const points = {
  balance: 12_345,
  expiring: [{ points: 300, expiresAt: new Date('2026-12-31T16:00:00.000Z'), lastDay: '2026-12-31' }],
};
const allMessages = (language: Language) => [
  memberWelcomeMessage(member, TEST_LIFF_ID, language),
  memberCardMessage(member, TEST_LIFF_ID, language),
  pointsBalanceMessage(points, TEST_LIFF_ID, language),
  pointsBalanceMessage({ balance: 0, expiring: [] }, TEST_LIFF_ID, language),
  couponsMessage({ coupons: [], offers: [] }, TEST_LIFF_ID, language),
  joinInvitationMessage(TEST_LIFF_ID, language),
];

let product: Product;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

describe('the Flex messages the chat sends', () => {
  it.each(['zh-TW', 'en'] as const)('are valid by LINE’s own check, in %s', async (language) => {
    const messages = allMessages(language);
    for (let i = 0; i < messages.length; i += 5) {
      await product.app.line.messaging.validateReply({ messages: messages.slice(i, i + 5) });
    }
  });

  it('show the tier in its colour, and no member number or phone', () => {
    const card = JSON.stringify(memberCardMessage(member, TEST_LIFF_ID, 'zh-TW'));
    expect(card).toContain('"color":"#B8860B"');
    expect(card).toContain('12,345');
    expect(card).not.toContain('M123456789');
    expect(card).not.toContain('0912');
  });

  it('give the last day points are valid, in Taiwan', () => {
    // Points expire at 00:00 on 1 January 2027 in Taipei: still valid all of 31 December.
    expect(lastValidDay('2026-12-31T16:00:00.000Z')).toBe('2026/12/31');
  });
});
