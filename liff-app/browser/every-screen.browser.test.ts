import type { Browser, Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { commandLine } from '../../bot/domain/actor.ts';
import { createTemplate } from '../../bot/domain/coupon-templates.ts';
import { takeSnapshot } from '../../bot/domain/dashboard/snapshot.ts';
import { joinMembership } from '../../bot/domain/members.ts';
import { earnPoints } from '../../bot/domain/points-earning.ts';
import { recordPurchase } from '../../bot/domain/purchases.ts';
import { refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore, importMember, joinForm } from '../../bot/testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../../bot/testing/staff.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, launchChromium, phone, problemsOf } from './chromium.ts';
import { pagesAndBrowser } from './pages.ts';
import { checkScreen } from './screen-check.ts';

type Product = Awaited<ReturnType<typeof startProduct>>;
type Language = 'zh-TW' | 'en';

/** The data's own names, which an English screen shows as they are. */
const NAMES = [
  '好日子咖啡',
  '台北信義店',
  '台北大安店',
  '台北市信義區松高路 11 號',
  '王小明',
  '王○明',
  '陳阿姨',
  '陳○姨',
];

/**
 * Every screen of the member app, the counter and the console, in a real browser, in zh-TW and in English, at
 * 360 px and 1280 px: none may log an error, scroll sideways or show a key or a code where words belong. The
 * screens are reached as a shopper and a clerk reach them, by the built pages against the real server; with
 * BROWSER_TEST_SCREENSHOTS=<folder> each is kept there, to look at.
 */
it('every screen fits 360 px and 1280 px, in zh-TW and English, without errors or raw keys', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { pages, browser } = await pagesAndBrowser(() => launchChromium(chromiumPath));
  const product = await startProduct({
    app: { demo: true, liffPagesDir: pages.dir, brand: { name: '好日子咖啡', logoUrl: null } },
  });
  onTestFinished(() => product.close());
  const store = await addStore(product.engine, 'TPE01', '台北信義店');
  const daan = await addStore(product.engine, 'TPE02', '台北大安店');
  await addStaff(product.engine, 'amy', 'clerk', [store.id]);
  await addStaff(product.engine, 'bob', 'store_manager', [store.id]);
  await addStaff(product.engine, 'ada', 'admin');
  const coupon = await aCouponTemplate(product, store.id);

  // Each walk has its own shoppers and browser context, so all six go at once.
  const members = {
    'zh-TW': await aMember(product, 'zh-TW', store.id, memberPhone('zh-TW')),
    en: await aMember(product, 'en', store.id, memberPhone('en')),
  };
  await aMonthOfSales(product, [store.id, daan.id]);
  const walks = (['zh-TW', 'en'] as const).flatMap((language) => [
    memberScreens(browser, product, language, members[language]),
    counterScreens(browser, product, language),
    consoleScreens(browser, product, language, coupon),
  ]);
  expect((await Promise.all(walks)).flat()).toEqual([]);
}, 120_000);

/** A page in a fresh browser, in `language`, with every error it logs collected into `problems`. */
async function newPage(
  browser: Browser,
  language: Language,
  problems: string[],
  staff: boolean,
  refused: RegExp | null = null,
) {
  // At 1x: the layout is the same, and the screenshots a third the size each way.
  const page = await (
    await browser.newContext({ ...phone, deviceScaleFactor: 1, locale: language })
  ).newPage();
  // Staff choose their language with the switch in the header, remembered on the browser.
  if (staff)
    await page.addInitScript((chosen) => localStorage.setItem('staff-console-language', chosen), language);
  // Before signing in, the staff pages ask for the session they do not have yet; `refused`: requests the
  // screen expects the server to refuse (the browser logs every refused request as an error).
  const allowed = new RegExp(`/favicon\\.ico$|/api/staff/session$${refused ? `|${refused.source}` : ''}`);
  const errors = problemsOf(page, allowed);
  return {
    page,
    check: async (name: string) => {
      problems.push(...(await checkScreen(page, `${name}-${language}`, language === 'en' ? NAMES : null)));
      problems.push(...errors.splice(0).map((error) => `${name}-${language}: ${error}`));
    },
  };
}

/** A member with points who speaks `language`, whom the counter finds by `phone`: their LINE user id. */
async function aMember(product: Product, language: Language, storeId: number, phone: string) {
  const shopper = product.line.shoppers.create({ displayName: `Member ${language}`, language });
  await product.line.shoppers.follow(shopper.userId);
  const member = await joinMembership(
    product.engine,
    shopper.userId,
    joinForm(storeId, { phone, name: '王小明' }),
    new Date(),
  );
  await earnPoints(product.engine, {
    ...{ memberId: member.id, points: 320, amount: 3200, storeId, channel: 'store' },
    ...{ reference: `R-${language}`, idempotencyKey: `every-screen-${language}`, at: new Date() },
  });
  return shopper.userId;
}

/**
 * A regular who bought at both stores on most of the last 30 days, and the dashboard's morning snapshot taken
 * after: the dashboard's charts and figures have something to show.
 */
async function aMonthOfSales(product: Product, storeIds: number[]) {
  const shopper = product.line.shoppers.create({ displayName: 'Regular', language: 'zh-TW' });
  await product.line.shoppers.follow(shopper.userId);
  const now = Date.now();
  const member = await joinMembership(
    product.engine,
    shopper.userId,
    joinForm(storeIds[0]!, { phone: '0912000009', name: '陳阿姨' }),
    new Date(now - 31 * 86_400_000),
  );
  for (let day = 29; day >= 0; day--) {
    for (const [i, storeId] of storeIds.entries()) {
      if ((day + i) % 4 === 3) continue;
      const key = `every-screen-sale-${day}-${storeId}`;
      await recordPurchase(
        product.engine,
        {
          ...{ member: { id: member.id, proof: 'card' as const }, price: 180 + ((day * 37 + i * 110) % 420) },
          ...{ redeemPoints: 0, channel: 'store' as const, reference: key, idempotencyKey: key },
          at: new Date(now - day * 86_400_000),
        },
        { ...commandLine, storeId },
      );
    }
  }
  await refreshSegmentFacts(product.engine, new Date(now));
  await takeSnapshot(product.engine, new Date(now));
}

const memberPhone = (language: Language) => (language === 'en' ? '0912000002' : '0912000001');

async function memberScreens(browser: Browser, product: Product, language: Language, member: string) {
  const problems: string[] = [];
  const origin = product.app.listeningOrigin;
  const suffix = language === 'en' ? 'en' : 'zh';
  const open = async (page: Page, userId: string, query = '') =>
    page.goto(
      `${origin}/liff/member/${query}#stand-in-id-token=${await product.line.shoppers.idToken(userId)}`,
    );

  // Outside LINE: no ID token at all.
  const outside = await newPage(browser, language, problems, false);
  await outside.page.goto(`${origin}/liff/member/`);
  // It says so, and in the demo leads to the demo home, which opens the phone.
  await outside.page.locator('a[href="/"]').waitFor();
  await outside.check('member-outside-line');

  // A friend who is not a member: the join form, then the claim step for a number the shops already know.
  const friend = product.line.shoppers.create({ displayName: `Friend ${suffix}`, language });
  await product.line.shoppers.follow(friend.userId);
  const phoneNumber = language === 'en' ? '0933000002' : '0933000001';
  await importMember(product.engine, phoneNumber, '1965-03-08');
  // The number is registered to a membership: the server refuses the join, and the claim step follows.
  const joining = await newPage(browser, language, problems, false, /\/api\/liff\/members$/);
  await open(joining.page, friend.userId);
  await joining.page.locator('input[name="phone"]').waitFor();
  await joining.check('member-join');
  // Each consent box sits beside its words, lined up with their first line (a flex row, as outside a field), at
  // its full size however long the words.
  const beside = await joining.page
    .locator('label.check')
    .evaluateAll((labels) =>
      labels.every(
        (label) =>
          getComputedStyle(label).display === 'flex' &&
          label.querySelector('input')?.getBoundingClientRect().width === 20,
      ),
    );
  if (!beside) problems.push(`member-join-${language}: a checkbox sits apart from its label`);
  await joining.page.locator('input[name="phone"]').fill(phoneNumber);
  await joining.page.locator('input[name="name"]').fill('陳阿姨');
  await joining.page.locator('input[name="birthday"]').fill('1965-03-08');
  await joining.page.locator('select[name="homeStoreId"]').selectOption({ index: 1 });
  await joining.page.locator('input[name="acceptTerms"]').check();
  await joining.page.locator('button[type="submit"]').click();
  await joining.page.locator('input[name="claimCode"], input[name="birthday"]').first().waitFor();
  await joining.page.locator('form h1, h1').first().waitFor();
  await joining.check('member-claim');

  // The member with points: the card, the points, the tier and the profile.
  const app = await newPage(browser, language, problems, false);
  await open(app.page, member);
  await app.page.getByTestId('member-qr').waitFor();
  await app.check('member-card');
  for (const tab of ['coupons', 'points', 'tier', 'profile', 'rewards'] as const) {
    await open(app.page, member, `?page=${tab}`);
    await app.page.locator('main.page h1').first().waitFor();
    await app.page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    await app.check(`member-${tab}`);
  }
  await Promise.all([outside, joining, app].map(({ page }) => page.context().close()));
  return problems;
}

async function signIn(page: Page, username: string) {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await page.locator('form.sign-in button[type="submit"]').click();
}

async function counterScreens(browser: Browser, product: Product, language: Language) {
  const problems: string[] = [];
  const origin = product.app.listeningOrigin;
  const counter = await newPage(browser, language, problems, true);
  const { page } = counter;
  await page.goto(`${origin}/liff/clerk/`);
  await page.locator('form.sign-in').waitFor();
  await page.locator('.corner button[lang]').waitFor(); // the language, chosen before signing in
  await counter.check('counter-sign-in');

  await signIn(page, 'amy');
  await page.locator('#counter-member').waitFor();
  await counter.check('counter-find-member');

  await page.locator('#counter-member').fill(memberPhone(language));
  await page.locator('#counter-member').press('Enter');
  await page.locator('.member-at-counter').waitFor();
  await page.locator('input[name="price"]').fill('1200');
  await page.locator('input[name="reference"]').fill(`A-${language}`);
  await counter.check('counter-member');
  // Points cannot be redeemed without the card: that field looks disabled beside the price's.
  const look = (name: string) =>
    page.locator(`input[name="${name}"]`).evaluate((input) => {
      const style = getComputedStyle(input);
      return `${style.backgroundColor} ${style.borderStyle}`;
    });
  if ((await look('redeemPoints')) === (await look('price')))
    problems.push('counter-member: a disabled field looks enabled');

  // Giving the member a coupon opens beside the coupons this checkout may use.
  await page.locator('button.give-coupon-open').click();
  await page.locator('.give-coupon').waitFor();
  await counter.check('counter-give-coupon');

  await page.locator('button.approve-member').click();
  await page.locator('form.approval').waitFor();
  await counter.check('counter-manager-approval');
  await page.locator('form.approval input[name="username"]').fill('bob');
  await page.locator('form.approval input[name="password"]').fill(STAFF_PASSWORD);
  await page.locator('form.approval button[type="submit"]').click();
  await page.locator('form.approval').waitFor({ state: 'detached' });
  await page.locator('input[name="redeemPoints"]').fill('100');
  await page.locator('.member-at-counter ~ form button[type="submit"]').click();
  await page.locator('.receipt').waitFor();
  await page.locator('ul.today li').first().waitFor();
  await counter.check('counter-receipt-and-day-list');
  // A purchase's void and refund sit together on one line, however its details wrap on a phone.
  await page.setViewportSize({ width: 360, height: 844 });
  const actions = page.locator('ul.today li').first().locator('button');
  const tops = await actions.evaluateAll((buttons) =>
    buttons.map((b) => Math.round(b.getBoundingClientRect().top)),
  );
  if (new Set(tops).size !== 1)
    problems.push(`counter-day-list: void and refund on different lines (${tops})`);

  // An admin works at no store of their own: they choose one for the device.
  await page.context().clearCookies();
  await page.goto(`${origin}/liff/clerk/`);
  await signIn(page, 'ada');
  await page.locator('select[name="storeId"]').waitFor();
  await counter.check('counter-store-chooser');
  await page.context().close();
  return problems;
}

/** A coupon template for the console's coupon screens: not claimable, so no member screen offers it. */
async function aCouponTemplate(product: Product, storeId: number) {
  const template = await createTemplate(
    product.engine,
    {
      ...{ kind: 'percent_off', percentOff: 20, maxDiscount: 300, minSpend: 1000, validDays: 30 },
      ...{ totalCap: 100, perMemberCap: 1, discountBudget: 20_000, storeIds: [storeId], channels: ['store'] },
      ...{ title: '耶誕八折', titleEn: '20% off for Christmas', terms: '折扣上限 NT$300。' },
      ...{ termsEn: 'Up to NT$300 off.', stackable: false },
    },
    commandLine,
    new Date(),
  );
  return template.id;
}

async function consoleScreens(browser: Browser, product: Product, language: Language, coupon: number) {
  const problems: string[] = [];
  const origin = product.app.listeningOrigin;
  const console = await newPage(browser, language, problems, true);
  const { page } = console;
  await page.goto(`${origin}/liff/staff/`);
  await page.locator('form.sign-in').waitFor();
  await console.check('console-sign-in');
  await signIn(page, 'ada');
  await page.locator('.console nav').waitFor();
  const tabs = [
    'dashboard',
    'stores',
    'members',
    'staff',
    'points',
    'coupons',
    'segments',
    'campaigns',
    'journeys',
    'marketing',
    'member-io',
    'chat',
    'chat-settings',
    'audit',
  ] as const;
  for (const tab of tabs) {
    await page.goto(`${origin}/liff/staff/?page=${tab}`);
    await page.locator('.console-main h1, .console-main h2').first().waitFor();
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    // The dashboard's charts come in their own chunk, after its figures.
    if (tab === 'dashboard') await page.locator('.line-chart svg').nth(1).waitFor();
    await console.check(`console-${tab}`);
  }
  // A coupon template's editor, and its results.
  await page.goto(`${origin}/liff/staff/?page=coupons`);
  await page.locator('.console-main td.actions').first().waitFor();
  await page.locator('.console-main .page-head button').click();
  await page.locator('form.coupon-form').waitFor();
  await console.check('console-coupon-form');
  await page.goto(`${origin}/liff/staff/?page=coupons&results=${coupon}`);
  await page.locator('.figures dd').first().waitFor();
  await console.check('console-coupon-results');
  // The segment builder, counted live.
  await page.goto(`${origin}/liff/staff/?page=segments`);
  await page.locator('.console-main .page-head button').click();
  await page.locator('.live-count .count').waitFor();
  await console.check('console-segment-form');
  // The campaign composer.
  await page.goto(`${origin}/liff/staff/?page=campaigns`);
  await page.locator('.console-main .page-head button').click();
  await page.locator('form.campaign-form').waitFor();
  await console.check('console-campaign-form');
  await page.context().close();
  return problems;
}
