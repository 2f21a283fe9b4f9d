import { pageRouter } from '../../lib/router.ts';

/**
 * The member app's page under /liff/member/: https://liff.line.me/{liffId}?page=points lands here. Read only
 * after liff.init, which restores it.
 */
export const pages = ['card', 'points', 'tier', 'profile', 'join'] as const;
export type Page = (typeof pages)[number];

export const { navigate, usePage } = pageRouter(pages, null);
