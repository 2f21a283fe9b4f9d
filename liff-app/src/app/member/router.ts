import { pageRouter } from '../../lib/router.ts';

/**
 * The member app's page under /liff/member/: https://liff.line.me/{liffId}?page=points lands here. Read only
 * after liff.init, which restores it; the card when it names no page. The tabs are the first five, in their order
 * (tab-bar.tsx). The wallet's own views (`&coupon=`, `&claim=`) are read by the wallet.
 */
export const pages = ['card', 'coupons', 'points', 'tier', 'profile', 'join', 'rewards'] as const;
export type Page = (typeof pages)[number];

export const { navigate, usePage } = pageRouter(pages, 'card');
