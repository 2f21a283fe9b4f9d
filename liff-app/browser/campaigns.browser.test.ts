import { expect, it } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { seedDemo, seedDemoStaff } from '../../bot/demo-seed.ts';
import { refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, phone, problemsOf } from './chromium.ts';
import { startPhoneDemo } from './phone-demo.ts';
import { joinOnPhone, liftQuietHoursAndHoldout, signInToConsole } from './walk-steps.ts';

const COUPON = '滿 300 折 50';
const MARKETER = { username: 'mei', password: 'mei-marketing-2026' };

/**
 * Issue 14's walk, as the people involved see it: two shoppers join on the demo's phone page and both agree to
 * marketing messages (one at joining, one later on the profile page); the admin lifts the quiet hours and the
 * holdout and adds a marketer; the marketer builds a segment of one home store, sees it count one, writes a coupon
 * push from a demo coupon, reads its cost, sends it and watches the progress reach 發送完成 over server-sent events.
 * The shopper of that store gets the coupon card and claims it into the wallet; the other gets nothing.
 */
it('a marketer sends a coupon push to a segment: the shopper in it claims the coupon, the one outside gets nothing', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { browser, line, engine, origin, phoneUrl } = await startPhoneDemo(chromiumPath);
  // What `npm start` seeds in demo mode (bot/demo.ts): three stores, the demo coupons and the demo staff.
  await seedDemo(engine, new Date());
  await seedDemoStaff(engine, new Date());

  // Two shoppers join: 林小美 of 高雄漢神店 agrees to marketing at joining, 陳大文 of 台北信義店 on the profile page.
  const phonePage = await (await browser.newContext(phone)).newPage();
  const phoneProblems = problemsOf(phonePage);
  await phonePage.goto(phoneUrl);
  await joinOnPhone(phonePage, { name: '林小美', phone: '0912345601', store: '高雄漢神店', optIn: true });
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-shopper-joined.png');
  await phonePage.getByRole('button', { name: '關閉' }).click();
  const liff = await joinOnPhone(phonePage, {
    name: '陳大文',
    phone: '0912345602',
    store: '台北信義店',
    optIn: false,
  });
  await liff.getByRole('button', { name: '會員資料' }).click();
  await liff.getByRole('checkbox', { name: /優惠與活動訊息/ }).check();
  await liff.getByRole('button', { name: '儲存' }).click();
  await liff.getByRole('status').filter({ hasText: '已儲存' }).waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-shopper-opted-in.png');
  await phonePage.getByRole('button', { name: '關閉' }).click();
  const [kaohsiung, taipei] = ['林小美', '陳大文'].map(
    (name) => line.shoppers.list().find((s) => s.displayName === name)!,
  );

  // The nightly job rebuilds the members' facts the segments count (bot/daily-jobs.ts runs it at 00:30 Taipei).
  await refreshSegmentFacts(engine, new Date());

  // The admin: no quiet hours (equal start and end) and no holdout, so the push goes now, to everyone it matches,
  // whatever the time of day; and a marketer.
  const admin = await signInToConsole(browser, origin, 'admin', 'demo-admin-2026');
  await liftQuietHoursAndHoldout(admin.page);
  await admin.page.getByRole('button', { name: '員工' }).click();
  await admin.page.getByRole('button', { name: '新增員工' }).click();
  await admin.page.getByLabel('帳號（登入用）').fill(MARKETER.username);
  await admin.page.getByLabel('姓名').fill('張行銷');
  await admin.page.getByLabel('角色').selectOption({ label: '行銷' });
  await admin.page.getByLabel('密碼（至少 10 個字元）').fill(MARKETER.password);
  await admin.page.getByRole('button', { name: '建立員工' }).click();
  await admin.page.getByRole('cell', { name: MARKETER.username, exact: true }).waitFor();

  // The marketer builds the segment: opted-in friends (the builder's start) whose home store is 高雄漢神店.
  const marketer = await signInToConsole(browser, origin, MARKETER.username, MARKETER.password);
  const page = marketer.page;
  await page.getByRole('button', { name: '分眾' }).click();
  await page.getByRole('button', { name: '新增分眾' }).click();
  await page.getByLabel('名稱').fill('高雄漢神店的好友');
  await page.getByRole('button', { name: '新增條件' }).click();
  await page.getByLabel('條件', { exact: true }).last().selectOption({ label: '常用門市' });
  await page.getByRole('group', { name: '常用門市' }).getByRole('checkbox', { name: '高雄漢神店' }).check();
  await page.getByRole('status').filter({ hasText: '符合 1 人，可行銷 1 人' }).waitFor();
  keep(await page.screenshot({ fullPage: true }), 'campaign-segment-count.png');
  await page.getByRole('button', { name: '建立分眾' }).click();
  await page.getByRole('cell', { name: '高雄漢神店的好友', exact: true }).waitFor();

  // The coupon push, from the demo's claimable coupon, sent at once with the brand's holdout (now 0%).
  await page.getByRole('button', { name: '行銷活動' }).click();
  await page.getByRole('button', { name: '新增行銷活動' }).click();
  const form = page.getByRole('form', { name: '建立草稿' });
  await form.getByLabel('名稱（只在後台顯示）').fill('高雄店好友禮');
  await form.getByLabel('發送對象（分眾）').selectOption({ label: '高雄漢神店的好友' });
  await form.getByLabel('優惠券', { exact: true }).check();
  await form.getByLabel('優惠券（會員可領取、啟用中的）').selectOption({ label: COUPON });
  await form.getByLabel('優惠券上方的一句話（可留空）').first().fill('高雄店好友限定！');
  expect(await form.getByLabel(/^保留對照組/).inputValue()).toBe('0');
  keep(await page.screenshot({ fullPage: true }), 'campaign-composer.png');
  await form.getByRole('button', { name: '建立草稿' }).click();

  // Its cost: one recipient, within the free messages of LINE's light plan, so NT$0 and nothing to confirm.
  await page.getByRole('heading', { name: '行銷活動：高雄店好友禮' }).waitFor();
  const cost = page.getByRole('region', { name: '發送人數與費用' });
  const figure = (label: string) =>
    cost.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd');
  await figure('將發送').waitFor();
  expect(await figure('將發送').textContent()).toBe('1 人');
  expect(await figure('保留對照組').textContent()).toBe('0 人');
  expect(await figure('本月免費訊息').textContent()).toBe('200 則');
  expect(await figure('預估費用').textContent()).toBe('NT$0');
  expect(await cost.getByRole('checkbox').count()).toBe(0);
  keep(await page.screenshot({ fullPage: true }), 'campaign-cost.png');
  await cost.getByRole('button', { name: '發送' }).click();

  // The progress, pushed by the server until it is sent.
  const progress = page.getByRole('region', { name: '發送進度' });
  await progress.getByText('發送完成').waitFor();
  const done = (label: string) =>
    progress.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd');
  expect(await done('已發送').textContent()).toBe('1');
  expect(await done('尚未發送').textContent()).toBe('0');
  expect(await done('預估剩餘時間').textContent()).toBe('—');
  // The campaign's own status follows the stream.
  await page.locator('span.tag', { hasText: '已發送' }).waitFor();
  keep(await page.screenshot({ fullPage: true }), 'campaign-sent.png');

  // On the phone: 林小美 has the coupon card; 領取 opens the claim in the LIFF app and puts it in the wallet.
  await phonePage.getByLabel('顧客', { exact: true }).selectOption({ label: '林小美(好友)' });
  await phonePage.getByText('高雄店好友限定！').waitFor();
  const claim = phonePage.getByRole('button', { name: '領取' }).last();
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-coupon-card.png');
  await claim.click();
  const claimLiff = phonePage.frameLocator('iframe[title="LIFF"]');
  await claimLiff.getByRole('heading', { name: '領取優惠券' }).waitFor();
  await claimLiff.getByRole('button', { name: '領取' }).click();
  await claimLiff.getByRole('status').filter({ hasText: '領取成功' }).waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-coupon-claimed.png');
  // 查看我的優惠券 opens the coupon now held, then the wallet lists it under 可使用 beside the welcome coupon.
  await claimLiff.getByRole('link', { name: '查看我的優惠券' }).click();
  await claimLiff.getByRole('heading', { name: COUPON, level: 1 }).waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-coupon-held.png');
  await claimLiff.getByRole('link', { name: '返回我的優惠券' }).click();
  await claimLiff.getByRole('tabpanel', { name: '可使用' }).getByText(COUPON).waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-wallet.png');
  await phonePage.getByRole('button', { name: '關閉' }).click();

  // 陳大文, outside the segment, got no campaign message: none on the phone, none in LINE's own record.
  await phonePage.getByLabel('顧客', { exact: true }).selectOption({ label: '陳大文(好友)' });
  // His chat shows (林小美's campaign message gone, his own welcome coupon there), without the campaign.
  await phonePage.getByText('高雄店好友限定！').waitFor({ state: 'detached' });
  await phonePage.getByText('新會員見面禮 折 80').waitFor();
  expect(await phonePage.getByText(COUPON).count()).toBe(0);
  keep(await phonePage.screenshot({ fullPage: true }), 'campaign-outside-segment.png');
  const pushed = (userId: string) =>
    JSON.stringify(
      line.inspect
        .messagesTo(userId)
        .filter((m) => m.via !== 'reply')
        .map((m) => m.message),
    );
  expect(pushed(kaohsiung!.userId)).toContain('高雄店好友限定！');
  expect(pushed(taipei!.userId)).not.toContain('高雄店好友限定！');
  expect(pushed(taipei!.userId)).not.toContain(COUPON);

  expect(phoneProblems).toEqual([]);
  expect(admin.problems).toEqual([]);
  expect(marketer.problems).toEqual([]);
}, 180_000);
