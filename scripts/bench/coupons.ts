// npm run bench:coupons: whether a coupon's caps and its single use hold when everyone asks at once, and how fast.
//
//   node scripts/bench/coupons.ts [--engine sqlite|postgres] [--claims 1000] [--cap 100] [--redemptions 200]
//
// The product (server, LINE stand-in, a fresh database: SQLite on /dev/shm, or with --engine postgres a fresh
// database on TEST_DATABASE_URL's server, else the local one) runs in a child process, as the tests start it.
// The child makes a store, a clerk, CLAIMS members each with a LIFF ID token from the stand-in, and a claimable
// template capped at CAP. This process then, over HTTP as the pages do it:
// 1. sends CLAIMS claims at once, one per member (POST /api/liff/coupons/claim): exactly CAP must be issued;
// 2. REDEMPTIONS different checkouts at once (each its own lookup token from a card scan, its own key) using one
//    member's one coupon (POST /api/staff/purchases with couponCodes): exactly one must succeed;
// 3. REDEMPTIONS copies of one checkout at once (one lookup token, one key), a clerk's double-tap made worse:
//    all answer the same purchase, the coupon used once.
// It prints claims/s and redemptions/s (answers per second of wall time) and what the database holds, and exits
// non-zero if a count is wrong. The figures are printed, never enforced.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { and, count, eq, gt } from 'drizzle-orm';
import { commandLine } from '../../bot/domain/actor.ts';
import { createTemplate } from '../../bot/domain/coupon-templates.ts';
import { issueCoupon } from '../../bot/domain/coupons.ts';
import { cardCode } from '../../bot/domain/member-card.ts';
import { joinMembership } from '../../bot/domain/members.ts';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore, joinForm } from '../../bot/testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../../bot/testing/staff.ts';
import { coupons, couponTemplates, members, purchases } from '../../db/schema.ts';
import { conditionArgs, dialectOption } from '../engine-option.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    claims: { type: 'string', default: '1000' },
    cap: { type: 'string', default: '100' },
    redemptions: { type: 'string', default: '200' },
  },
});
const CLAIMS = Number(values.claims);
const CAP = Number(values.cap);
const REDEMPTIONS = Number(values.redemptions);

interface Ready {
  origin: string;
  storeId: number;
  templateId: number;
  idTokens: string[];
  /** The redeeming member's card (its code is read when the clerk scans), and two coupons of theirs. */
  card: { cardId: string; cardSecret: string };
  couponCodes: [string, string];
}

interface Stored {
  issued: number;
  overMemberCap: number;
  used: number;
  purchasesWithCoupon: number;
}

const couponFields = (title: string, extra: object) => ({
  kind: 'amount_off' as const,
  amountOff: 50,
  minSpend: 100,
  validDays: 30,
  channels: ['store' as const],
  title,
  titleEn: title,
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
  ...extra,
});

/** The child: the product, the members and their tokens, the templates; then what the database holds. */
async function serve(): Promise<void> {
  const product = await startProduct();
  const { engine } = product;
  const now = new Date();
  const store = await addStore(engine);
  await addStaff(engine, 'bench-clerk', 'clerk', [store.id]);
  const idTokens: string[] = [];
  const memberIds: number[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const shopper = product.line.shoppers.create({ displayName: `會員${i}`, language: 'zh-TW' });
    const form = joinForm(store.id, { phone: `09${String(20_000_000 + i)}`, name: `會員${i}` });
    memberIds.push((await joinMembership(engine, shopper.userId, form, now)).id);
    idTokens.push(await product.line.shoppers.idToken(shopper.userId));
  }
  const capped = await createTemplate(
    engine,
    couponFields('限量百張', { claimable: true, totalCap: CAP, perMemberCap: 1 }),
    commandLine,
    now,
  );
  const single = await createTemplate(engine, couponFields('單次使用', {}), commandLine, now);
  const redeemer = memberIds[0]!;
  const give = (key: string) =>
    issueCoupon(
      engine,
      { templateId: single.id, memberId: redeemer, how: 'claim', idempotencyKey: key, at: now },
      commandLine,
    );
  const couponCodes = [(await give('bench-a')).coupon.code, (await give('bench-b')).coupon.code] as [
    string,
    string,
  ];
  const [member] = await engine.read((tx) => tx.select().from(members).where(eq(members.id, redeemer)));
  process.once('disconnect', () => process.exit(1)); // the bench died
  process.send!({
    origin: product.app.listeningOrigin,
    storeId: store.id,
    templateId: capped.id,
    idTokens,
    card: { cardId: member!.cardId, cardSecret: member!.cardSecret },
    couponCodes,
  } satisfies Ready);
  await once(process, 'message');
  const stored: Stored = await engine.read(async (tx) => {
    const [issued] = await tx.select({ n: count() }).from(coupons).where(eq(coupons.templateId, capped.id));
    const perMember = await tx
      .select({ memberId: coupons.memberId, n: count() })
      .from(coupons)
      .where(eq(coupons.templateId, capped.id))
      .groupBy(coupons.memberId);
    const [used] = await tx
      .select({ n: count() })
      .from(coupons)
      .where(and(eq(coupons.templateId, single.id), eq(coupons.status, 'used')));
    const [withCoupon] = await tx
      .select({ n: count() })
      .from(purchases)
      .where(gt(purchases.couponDiscount, 0));
    const [template] = await tx.select().from(couponTemplates).where(eq(couponTemplates.id, capped.id));
    if (template!.issuedCount !== issued!.n) throw new Error('The template counted other than it issued');
    return {
      issued: issued!.n,
      overMemberCap: perMember.filter((row) => row.n > 1).length,
      used: used!.n,
      purchasesWithCoupon: withCoupon!.n,
    };
  });
  process.send!(stored);
  await product.close();
  process.exit(0);
}

async function bench(): Promise<void> {
  const engine = dialectOption(values.engine, 'sqlite');
  const env = { ...process.env };
  if (engine === 'postgres') env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const child = fork(import.meta.filename, process.argv.slice(2), {
    execArgv: [...process.execArgv, ...conditionArgs(engine)],
    env,
  });
  const exited = once(child, 'exit');
  const [ready] = (await once(child, 'message')) as [Ready];
  const { origin } = ready;

  // 1. Every member claims at once.
  const claimStarted = performance.now();
  const claims = await Promise.all(
    ready.idTokens.map((token, i) =>
      post(
        `${origin}/api/liff/coupons/claim`,
        { templateId: ready.templateId, idempotencyKey: `bench-claim-${i}` },
        {
          authorization: `Bearer ${token}`,
        },
      ),
    ),
  );
  const claimSeconds = (performance.now() - claimStarted) / 1000;

  // 2. and 3. The clerk signs in, scans the member's card once per checkout, and every checkout pays at once.
  const clerk = await signIn(origin, ready.storeId);
  const scan = () => clerk.post('/api/staff/members/lookup', { code: cardCode(ready.card, new Date()) });
  const lookups = await Promise.all(Array.from({ length: REDEMPTIONS }, scan));
  const tokens = lookups.map(({ status, body }) => {
    if (status !== 200) throw new Error(`A card scan answered ${status}: ${JSON.stringify(body)}`);
    return (body as { lookup: { token: string } }).lookup.token;
  });
  const checkout = (token: string, key: string, code: string) =>
    clerk.post('/api/staff/purchases', {
      lookupToken: token,
      price: 300,
      redeemPoints: 0,
      reference: key.slice(0, 40),
      idempotencyKey: key,
      couponCodes: [code],
    });
  const raceStarted = performance.now();
  const different = await Promise.all(
    tokens.map((token, i) => checkout(token, `bench-pay-${i}`, ready.couponCodes[0])),
  );
  const raceSeconds = (performance.now() - raceStarted) / 1000;
  const sameToken = ((await scan()).body as { lookup: { token: string } }).lookup.token;
  const sameStarted = performance.now();
  const same = await Promise.all(
    Array.from({ length: REDEMPTIONS }, () => checkout(sameToken, 'bench-pay-same', ready.couponCodes[1])),
  );
  const sameSeconds = (performance.now() - sameStarted) / 1000;

  child.send('report');
  const [stored] = (await once(child, 'message')) as [Stored];
  await exited;

  const ok = (status: number) => status >= 200 && status < 300;
  const issuedByAnswers = claims.filter(
    ({ status, body }) => ok(status) && (body as { outcome?: string }).outcome === 'issued',
  ).length;
  const paid = different.filter(({ status }) => ok(status)).length;
  const samePurchases = new Set(
    same
      .filter(({ status }) => ok(status))
      .map(({ body }) => JSON.stringify((body as { purchase: { id: number } }).purchase.id)),
  );
  console.log(`\nCoupons under concurrency (${engine})`);
  console.log(
    `${CLAIMS} claims of a ${CAP}-cap coupon at once: ${tally(claims)}; ${(CLAIMS / claimSeconds).toFixed(0)} claims/s`,
  );
  console.log(
    `  issued by the answers: ${issuedByAnswers}; in the database: ${stored.issued}; members over their cap: ${stored.overMemberCap}`,
  );
  console.log(
    `${REDEMPTIONS} checkouts using one coupon at once: ${tally(different)}; ${(REDEMPTIONS / raceSeconds).toFixed(0)} redemptions/s`,
  );
  console.log(
    `${REDEMPTIONS} copies of one checkout at once: ${tally(same)}; ${(REDEMPTIONS / sameSeconds).toFixed(0)} answers/s, ${samePurchases.size} purchase`,
  );
  console.log(
    `  coupons used in the database: ${stored.used} of 2; purchases with a coupon: ${stored.purchasesWithCoupon}`,
  );
  const held =
    issuedByAnswers === CAP &&
    stored.issued === CAP &&
    stored.overMemberCap === 0 &&
    paid === 1 &&
    samePurchases.size === 1 &&
    same.every(({ status }) => ok(status)) &&
    stored.used === 2 &&
    stored.purchasesWithCoupon === 2;
  console.log(
    held ? `\nExactly ${CAP} issued and each coupon used exactly once.` : '\nA COUNT IS WRONG (above).',
  );
  process.exit(held ? 0 : 1);
}

async function post(url: string, payload: object, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Signs the bench's clerk in at the store, as the counter page does: the session cookie and the CSRF token. */
async function signIn(origin: string, storeId: number) {
  const response = await fetch(`${origin}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-clerk', password: STAFF_PASSWORD, storeId }),
  });
  if (response.status !== 200) throw new Error(`The clerk could not sign in: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('staff_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    post: (path: string, payload: object) =>
      post(`${origin}${path}`, payload, { cookie, 'x-csrf-token': csrfToken }),
  };
}

function tally(answers: { status: number; body: unknown }[]): string {
  const counts = new Map<string, number>();
  for (const { status, body } of answers) {
    const code = (body as { code?: string; outcome?: string }).code ?? (body as { outcome?: string }).outcome;
    const key = code ? `${status} ${code}` : String(status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} × ${key}`).join(', ');
}

if (import.meta.main && process.send) await serve();
else if (import.meta.main) await bench();
