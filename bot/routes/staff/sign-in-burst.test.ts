import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashingNow } from '../../domain/passwords.ts';
import { IP_FAILURES_LIMIT } from '../../domain/sign-in-limits.ts';
import { type Product, startProduct } from '../../testing/harness.ts';

const BURST = 200;
let product: Product;
let origin: string;
/** A clock that stands still, so that every refusal names the same wait. */
const now = new Date();

beforeEach(async () => {
  product = await startProduct({ clock: { now: () => now } });
  origin = product.app.listeningOrigin;
});
afterEach(() => product.close());

it(`answers ${BURST} wrong sign-ins sent at once from one address with 429 past the ${IP_FAILURES_LIMIT}th, hashing only those, while shoppers are still served`, async () => {
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();
  const idToken = await product.line.shoppers.idToken(shopper.userId);
  const hashedBefore = hashingNow().started;

  // Over real connections, as an attacker's script would send them: all from 127.0.0.1.
  const burst = Array.from({ length: BURST }, (_, i) =>
    fetch(`${origin}/api/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `guess${i}`, password: `guess number ${i}` }),
    }),
  );
  const me = fetch(`${origin}/api/liff/me`, { headers: { authorization: `Bearer ${idToken}` } });

  const answers = await Promise.all(burst);
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 401)).toHaveLength(IP_FAILURES_LIMIT);
  expect(statuses.filter((status) => status === 429)).toHaveLength(BURST - IP_FAILURES_LIMIT);
  const waits = answers.filter((answer) => answer.status === 429).map((a) => a.headers.get('retry-after'));
  expect(new Set(waits)).toEqual(new Set(['900']));
  expect(hashingNow().started - hashedBefore).toBe(IP_FAILURES_LIMIT);

  const member = await me;
  expect(member.status).toBe(200);
  expect(await member.json()).toMatchObject({ displayName: '王小明', member: null });
});
