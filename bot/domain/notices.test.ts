import { describe, expect, it } from 'vitest';
import { type NoticeContent, retryKeyFor } from './notices.ts';

describe('member notices', () => {
  it('carry the data their kind declares, and no other (the type check refuses it)', () => {
    const reminder: NoticeContent = {
      kind: 'points_expiring',
      data: { expiresAt: '2026-12-31T16:00:00.000Z' },
    };
    const wrong: NoticeContent = {
      kind: 'points_expiring',
      // @ts-expect-error: an expiry reminder carries its date, not a purchase
      data: { purchaseId: 1, paid: 100 },
    };
    expect(reminder.kind).toBe(wrong.kind);
  });

  it('derive one retry key, shaped as LINE asks, from one purpose', () => {
    expect(retryKeyFor('notice:points_earned:purchase:1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(retryKeyFor('a')).toBe(retryKeyFor('a'));
  });
});
