/** localStorage keys, in one place so that deleting the membership can clear them all. */
export const CARD_CACHE_KEY = 'member-card';
