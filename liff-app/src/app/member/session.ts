import { atom } from 'nanostores';

/** Set when the server answers ID_TOKEN_EXPIRED in the demo, where there is no LINE login to send the shopper to. */
export const sessionExpired = atom(false);
