import { pageRouter } from '../../lib/router.ts';

/** The console's page under /liff/staff/: the stores unless the URL names another. */
export const consolePages = ['stores', 'staff', 'points', 'audit'] as const;
export type ConsolePage = (typeof consolePages)[number];

export const { navigate: goTo, usePage: useConsolePage } = pageRouter(consolePages, 'stores');
