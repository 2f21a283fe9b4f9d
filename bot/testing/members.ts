import type { Engine } from '../../db/engine.ts';
import { currentConsent } from '../domain/consent.ts';
import { importMembership } from '../domain/members.ts';
import { createStore } from '../domain/stores.ts';
import type { JoinRequest } from '../schemas/liff-api.ts';

/** A store to name as a home store. */
export function addStore(engine: Engine, code = 'TPE01', name = '台北信義店') {
  return engine.write((tx) =>
    createStore(tx, { code, name, address: '台北市信義區松高路 11 號' }, new Date()),
  );
}

/** A join form as a shopper fills it in correctly. */
export function joinForm(storeId: number, overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    phone: '0912345678',
    name: '王小明',
    birthday: '1990-05-20',
    gender: 'male',
    email: 'ming@example.com',
    homeStoreId: storeId,
    acceptTerms: true,
    termsVersion: currentConsent.termsVersion,
    privacyVersion: currentConsent.privacyVersion,
    marketingOptIn: false,
    ...overrides,
  };
}

/** A membership imported from the shops' old system: it has a phone and a birthday but no LINE account. */
export function importMember(engine: Engine, phone: string, birthday: string, name = '陳阿姨') {
  return engine.write((tx) => importMembership(tx, { phone, name, birthday }, new Date()));
}
