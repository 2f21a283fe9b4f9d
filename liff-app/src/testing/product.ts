import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
// biome-ignore lint/style/noRestrictedImports: test support that drives the real server, never bundled
import type { SettingsChanges } from '../../../bot/domain/campaigns/settings.ts';
import type { Command } from './product-process.ts';

/**
 * The real product for page tests: server, in-memory database and LINE stand-in in a child process
 * (product-process.ts). `start()` gives every test a fresh product; the page then talks to it over HTTP.
 */
export function productProcess() {
  let child: ChildProcess | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  function call<T>(command: Command): Promise<T> {
    child ??= spawn();
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child!.send({ id, command });
    });
  }

  function spawn() {
    const started = fork(join(import.meta.dirname, 'product-process.ts'), [], { execArgv: [] }).on(
      'message',
      (message: { id: number; result?: unknown; error?: string }) => {
        const wait = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error !== undefined) wait?.reject(new Error(message.error));
        else wait?.resolve(message.result);
      },
    );
    started.on('exit', (code) => {
      for (const wait of waiting.values()) wait.reject(new Error(`The product process exited (${code})`));
      waiting.clear();
      if (child === started) child = undefined;
    });
    return started;
  }

  return {
    /** A fresh product; its origin is where the page is "served" from. With `publicUrl`, as PUBLIC_URL. */
    start: (now?: string, { publicUrl }: { publicUrl?: string } = {}) =>
      call<{ origin: string }>({ cmd: 'start', ...(now && { now }), ...(publicUrl && { publicUrl }) }),
    /** A LINE friend of the account, and a real ID token for them signed by the stand-in. */
    shopper: (displayName = '王小明', language: 'zh-TW' | 'en' = 'zh-TW') =>
      call<{ userId: string; token: string }>({ cmd: 'shopper', displayName, language }),
    expiredToken: (userId: string) => call<string>({ cmd: 'token', userId, expired: true }),
    store: (code = 'TPE01', name = '台北信義店') => call<number>({ cmd: 'store', code, name }),
    importMember: (phone: string, birthday: string, name = '陳阿姨') =>
      call<number>({ cmd: 'import', phone, birthday, name }),
    /** Joins through the domain, as the join form does; `phone` when more than one joins, `optIn` to marketing. */
    join: (
      userId: string,
      storeId: number,
      name = '王小明',
      { phone, optIn }: { phone?: string; optIn?: boolean } = {},
    ) =>
      call<number>({ cmd: 'join', userId, storeId, name, ...(phone && { phone }), ...(optIn && { optIn }) }),
    earn: (userId: string, count: number, storeId: number) =>
      call<number>({ cmd: 'earn', userId, count, storeId }),
    /** Last year's points, then purchases refunded and voided at the product's clock (product-process.ts). */
    refunds: (userId: string, storeId: number) => call<null>({ cmd: 'refunds', userId, storeId }),
    /** A purchase of NT$`price` at the counter of `storeId`, `daysAgo` days before the product's clock. */
    purchase: (userId: string, storeId: number, price: number, daysAgo = 0) =>
      call<number>({ cmd: 'purchase', userId, storeId, price, daysAgo }),
    /** The dashboard's morning snapshot taken (after the facts it reads), as the five-minute tick does. */
    dashboardSnapshot: () => call<boolean>({ cmd: 'dashboardSnapshot' }),
    /** The segments' facts rebuilt, as the nightly job does: members who joined since are counted. */
    refreshSegmentFacts: () => call<number>({ cmd: 'facts' }),
    /** The brand's marketing settings changed as an admin would (plan table, budget, quiet hours, holdout). */
    marketingSettings: (changes: SettingsChanges) => call<null>({ cmd: 'marketing', changes }),
    /** A staff member with the password STAFF_PASSWORD (bot/testing/staff.ts). */
    staff: (
      username: string,
      role: 'clerk' | 'store_manager' | 'marketer' | 'admin',
      storeIds: number[] = [],
    ) => call<number>({ cmd: 'staff', username, role, storeIds }),
    /** The shopper writes to the account (LINE's webhook, processed); LINE's id of the message. */
    says: (userId: string, text: string) => call<string>({ cmd: 'says', userId, text }),
    /** The shopper sends a sticker. */
    sticker: (userId: string, packageId = '446', stickerId = '1988') =>
      call<string>({ cmd: 'sticker', userId, packageId, stickerId }),
    /** The shopper's chat as LINE knows it: their messages read or not, the account's by reply or push. */
    phone: (userId: string) =>
      call<
        (
          | { from: 'shopper'; text: string | null; read: boolean }
          | { from: 'account'; text: string | null; via: string }
        )[]
      >({ cmd: 'phone', userId }),
    async stop() {
      if (child) await call({ cmd: 'close' });
      child?.disconnect();
      child = undefined;
    },
  };
}

export type TestProduct = ReturnType<typeof productProcess>;
