import { expect, it } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { commandLine } from '../../bot/domain/actor.ts';
import { createTemplate } from '../../bot/domain/coupon-templates.ts';
import { cardCode } from '../../bot/domain/member-card.ts';
import { joinMembership } from '../../bot/domain/members.ts';
import { addStore, joinForm } from '../../bot/testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../../bot/testing/staff.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, phone, problemsOf } from './chromium.ts';
import { startPhoneDemo } from './phone-demo.ts';

/**
 * A coupon's whole life as the people involved see it, in a real browser: a shopper asks for 優惠券 on the demo's
 * phone page, taps 領取 on the offer in the Flex carousel, claims it in the LIFF app and sees it in the wallet; the
 * clerk finds the member by their card's code, ticks the coupon and records the purchase; the purchase's push
 * names the coupon, and the wallet lists it as used.
 */
it('a shopper claims a coupon from a Flex button, the clerk redeems it from the card, and the wallet and the push say it is used', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { browser, line, engine, app, origin, phoneUrl } = await startPhoneDemo(chromiumPath);
  const store = await addStore(engine, 'TPE01', '台北信義店');
  await addStaff(engine, 'amy', 'clerk', [store.id]);
  await createTemplate(
    engine,
    {
      ...{ kind: 'amount_off', amountOff: 50, minSpend: 300, validDays: 30, channels: ['store'] },
      ...{ title: '滿三百折五十', titleEn: 'NT$50 off NT$300', terms: '每次消費限用一張。' },
      ...{ termsEn: 'One per purchase.', stackable: false, claimable: true, totalCap: 100, perMemberCap: 1 },
    },
    commandLine,
    new Date(),
  );
  const shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await line.shoppers.follow(shopper.userId);
  await app.events.idle();
  const member = await joinMembership(
    engine,
    shopper.userId,
    joinForm(store.id, { name: '王小明' }),
    new Date(),
  );

  // The shopper asks for 優惠券 in the chat: the answer's carousel offers the coupon with a 領取 button.
  const page = await (await browser.newContext(phone)).newPage();
  const problems = problemsOf(page);
  await page.goto(phoneUrl);
  await page.getByLabel('顧客', { exact: true }).selectOption({ label: '王小明(好友)' });
  await page.getByLabel('訊息').fill('優惠券');
  await page.getByLabel('訊息').press('Enter');
  const claimButton = page.getByRole('button', { name: '領取' }).first();
  await claimButton.waitFor();
  keep(await page.screenshot({ fullPage: true }), 'coupon-offer-carousel.png');
  await claimButton.click();

  // The LIFF app opens on the offer; 領取 puts it in the wallet.
  const liff = page.frameLocator('iframe[title="LIFF"]');
  await liff.getByRole('heading', { name: '領取優惠券' }).waitFor();
  await liff.getByRole('button', { name: '領取' }).click();
  await liff.getByRole('status').filter({ hasText: '領取成功' }).waitFor();
  keep(await page.screenshot({ fullPage: true }), 'coupon-claimed.png');
  await page.getByRole('button', { name: '關閉' }).click(); // back to the chat

  // The clerk finds the member by the card's code, ticks the coupon and records the purchase.
  const clerk = await (await browser.newContext()).newPage();
  const clerkProblems = problemsOf(clerk, /\/favicon\.ico$|\/api\/staff\/session$/);
  await clerk.goto(`${origin}/liff/clerk/`);
  await clerk.getByLabel('帳號').fill('amy');
  await clerk.getByLabel('密碼').fill(STAFF_PASSWORD);
  await clerk.getByRole('button', { name: '登入' }).click();
  await clerk.getByLabel('會員卡號碼、手機號碼或會員編號').fill(cardCode(member, new Date()));
  await clerk.getByRole('button', { name: '查詢' }).click();
  await clerk.getByRole('checkbox', { name: /滿三百折五十/ }).check();
  await clerk.getByLabel('原價（NT$）').fill('500');
  await clerk.getByLabel('發票或收據號碼').fill('AB-12345678');
  keep(await clerk.screenshot({ fullPage: true }), 'counter-coupon-chosen.png');
  await clerk.getByRole('button', { name: '確認結帳' }).click();
  await clerk.getByText('優惠券「滿三百折五十」折抵 NT$ 50').waitFor();
  await clerk.getByText('實付金額 NT$ 450', { exact: true }).waitFor();
  keep(await clerk.screenshot({ fullPage: true }), 'counter-coupon-used.png');

  // The purchase's push names the coupon; its 我的優惠券 button opens the wallet, where the coupon is used.
  await page.getByText('優惠券折抵').waitFor();
  const pushed = line.inspect.messagesTo(shopper.userId).filter((m) => m.via === 'push');
  expect(JSON.stringify(pushed.at(-1)?.message)).toContain('滿三百折五十');
  await page.getByRole('button', { name: '我的優惠券' }).last().click();
  await liff.getByRole('tab', { name: '已使用' }).click();
  await liff.getByText('滿三百折五十').waitFor();
  keep(await page.screenshot({ fullPage: true }), 'wallet-used.png');
  expect(problems).toEqual([]);
  expect(clerkProblems).toEqual([]);
}, 120_000);
