/**
 * The versions of the terms and the privacy policy a member agrees to. Raising a version makes the join and
 * claim forms ask again; the version agreed to and the time are stored with the member.
 */
export const currentConsent = {
  termsVersion: '2026-11-01',
  privacyVersion: '2026-11-01',
  termsUrl: '/liff/member/terms.html',
  privacyUrl: '/liff/member/privacy.html',
} as const;
