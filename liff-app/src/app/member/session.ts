import { atom } from 'nanostores';

/** Set when the server answers ID_TOKEN_EXPIRED in the demo, where there is no LINE login to send the shopper to. */
export const sessionExpired = atom(false);

/** Set when the demo's member app is opened without the LINE stand-in's ID token: outside LINE, that is. */
export const openedOutsideLine = atom(false);
