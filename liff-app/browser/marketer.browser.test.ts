import { readFile } from 'node:fs/promises';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { like, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { expect, it, onTestFinished, vi } from 'vitest';
import { startDailyJobs } from '../../bot/daily-jobs.ts';
import { seedDemo, seedDemoStaff } from '../../bot/demo-seed.ts';
import { taipeiDate } from '../../bot/domain/taipei-time.ts';
import { campaigns, members } from '../../db/schema.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, phone, problemsOf } from './chromium.ts';
import { startPhoneDemo } from './phone-demo.ts';
import { joinOnPhone, liftQuietHoursAndHoldout, signInToConsole } from './walk-steps.ts';

const COUPON = '滿 300 折 50';
const BIRTHDAY_WORDS = '生日快樂！這張優惠券送給壽星';
/** The demo seed's marketer (bot/demo-seed.ts). */
const MARKETER = { username: 'marketer', password: 'demo-marketer-2026' };

/** Offline members from the shops: two good rows, a phone too short (row 4) and a store code nobody has (row 5). */
const SHOPS_CSV = [
  '手機,姓名,生日,常用門市,期初點數',
  '0912000101,吳小華,1980-05-06,TPE01,120',
  '0912000102,許大同,1975-12-24,TXG01,0',
  '09120,張三,,TPE01,0',
  '0912000104,李四,,ZZZ99,0',
].join('\n');

/** The marketer finds a member by phone and opens their page. */
async function openMember(page: Page, phoneNumber: string, name: string) {
  await page.getByRole('button', { name: '會員', exact: true }).click();
  await page.getByLabel('搜尋會員').fill(phoneNumber);
  await page.getByRole('button', { name: '搜尋', exact: true }).click();
  const found = page.getByRole('table', { name: '會員列表' });
  await found.getByRole('cell', { name }).waitFor();
  // A marketer reads the phone masked (ADR 36).
  expect(await found.getByRole('cell', { name: /^0912\*\*\*\d{3}$/ }).count()).toBe(1);
  await found.getByRole('button').first().click();
  await page.getByRole('heading', { name: new RegExp(`^${name} ・ `) }).waitFor();
}

/**
 * Issue 16's walk as a marketer: a shopper born this month (Taipei) joins on the demo's phone page; the admin lifts
 * the quiet hours and the holdout; the marketer (the demo's) finds the shopper by phone and adjusts their points
 * with a reason, imports the shops' CSV with two bad rows and reads both rows' problems in the preview and in the
 * error report, and switches on the birthday journey with a coupon. The journey runs as in production, by the
 * schedule's look (bot/daily-jobs.ts) and the campaign sender, and the coupon card arrives on the phone.
 */
it('a marketer finds and adjusts a member, imports a CSV with two bad rows, and the birthday journey sends its coupon to the phone', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { browser, line, engine, app, origin, phoneUrl } = await startPhoneDemo(chromiumPath);
  // What `npm start` seeds in demo mode (bot/demo.ts): three stores, the demo coupons and the demo staff.
  await seedDemo(engine, new Date());
  await seedDemoStaff(engine, new Date());

  // The shopper joins, opted in, born in this Taipei month.
  const month = taipeiDate(new Date()).slice(5, 7);
  const shopper = { name: '周壽星', phone: '0912345611', store: '台中公益店', optIn: true };
  const phonePage = await (await browser.newContext(phone)).newPage();
  const phoneProblems = problemsOf(phonePage);
  await phonePage.goto(phoneUrl);
  await joinOnPhone(phonePage, { ...shopper, birthday: `1990-${month}-01` });
  await phonePage.getByRole('button', { name: '關閉' }).click();
  const lineUser = line.shoppers.list().find((s) => s.displayName === shopper.name)!;

  // The admin: no quiet hours and no holdout, so the journey's push goes at once whatever the time of day.
  const admin = await signInToConsole(browser, origin, 'admin', 'demo-admin-2026');
  await liftQuietHoursAndHoldout(admin.page);

  // The marketer finds the shopper by phone and gives 50 points with a reason.
  const marketer = await signInToConsole(browser, origin, MARKETER.username, MARKETER.password);
  const page = marketer.page;
  await openMember(page, shopper.phone, shopper.name);
  const points = page.getByRole('region', { name: '點數紀錄' });
  const before = Number((await points.getByText(/^點數餘額/).textContent())!.replace(/\D/g, ''));
  const adjust = page.getByRole('form', { name: '調整點數' });
  await adjust.getByLabel('點數（扣點請輸入負數）').fill('50');
  await adjust.getByLabel('原因').fill('生日活動補點');
  await adjust.getByRole('button', { name: '確定調整' }).click();
  await adjust.getByText(`已調整點數，目前 ${before + 50} 點。`).waitFor();
  await points.getByText(`點數餘額 ${before + 50} 點`).waitFor();
  const line50 = points.getByRole('row').filter({ hasText: '人工調整' });
  await line50.waitFor();
  expect(await line50.getByRole('cell').last().textContent()).toBe('+50');
  // The statement keeps the reason and who gave it; the fields a marketer may not see say so (ADR 36).
  await line50.getByText('原因：生日活動補點').waitFor();
  await line50.getByText('調整人：李行銷').waitFor();
  const profile = page.getByRole('region', { name: '基本資料' });
  expect(await profile.getByText('無權檢視', { exact: true }).count()).toBe(3);
  keep(await page.screenshot({ fullPage: true }), 'marketer-member-adjusted.png');

  // The shops' CSV: the preview names both bad rows in zh-TW before anything is written; the good rows go in.
  await page.getByRole('button', { name: '匯入匯出' }).click();
  await page.getByLabel('選擇 CSV 檔').setInputFiles({
    name: 'shops.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SHOPS_CSV),
  });
  await page.getByText('共 4 列：2 列有問題，0 列的手機已是會員（不會重複建立）').waitFor();
  const bad = page.getByRole('table', { name: '有問題的列（不會匯入）' });
  const badRow = (rowNo: string) =>
    bad.getByRole('row').filter({ has: page.getByRole('cell', { name: rowNo, exact: true }) });
  expect(await badRow('4').textContent()).toContain('手機號碼須為 09 開頭的 10 位數字');
  expect(await badRow('5').textContent()).toContain('沒有這個門市代碼的營業中門市');
  keep(await page.screenshot({ fullPage: true }), 'marketer-import-preview.png');
  await page.getByRole('button', { name: '開始匯入' }).click();
  await page.getByRole('status').filter({ hasText: '匯入完成：新增 2 位會員，0 位已是會員' }).waitFor();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '下載錯誤報告' }).click();
  const report = await readFile((await (await downloading).path())!, 'utf8');
  expect(report).toContain('手機號碼須為 09 開頭的 10 位數字');
  expect(report).toContain('沒有這個門市代碼的營業中門市');
  expect(report).not.toContain('吳小華');
  keep(await page.screenshot({ fullPage: true }), 'marketer-import-done.png');
  // The imported members are there to find (and claim in LINE, as any in-store member).
  await openMember(page, '0912000101', '吳小華');

  // The dashboard, for today: the shopper who joined in LINE is today's one new bind (the imported members are not
  // binds until they claim).
  await page.getByRole('button', { name: '儀表板' }).click();
  await page.getByRole('heading', { name: '儀表板' }).waitFor();
  await page.getByRole('radio', { name: '今天' }).check();
  const figure = (label: string) =>
    page
      .locator('.figures > div')
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator('dd')
      .first();
  await expect.poll(() => figure('期間新綁定').textContent()).toBe('1');
  // Outstanding points: every member's balance, the 50 given and the imported 120 opening points among them.
  const [total] = await engine.read((tx) =>
    tx.select({ balances: sql<number>`cast(sum(${members.pointsBalance}) as integer)` }).from(members),
  );
  const balances = total!.balances;
  expect(balances).toBeGreaterThanOrEqual(before + 50 + 120);
  await expect.poll(() => figure('流通點數').textContent()).toBe(`${balances.toLocaleString('en-US')} 點`);
  keep(await page.screenshot({ fullPage: true }), 'marketer-dashboard.png');

  // The birthday journey, switched on with the demo's claimable coupon.
  await page.getByRole('button', { name: '自動旅程' }).click();
  const birthday = page.getByRole('form', { name: '生日月優惠' });
  await birthday.getByLabel('開啟', { exact: true }).check();
  await birthday.getByLabel('訊息類型').selectOption({ label: '優惠券卡片' });
  await birthday.getByLabel('優惠券', { exact: true }).selectOption({ label: COUPON });
  await birthday.getByLabel('卡片上方的話（中文）').fill(BIRTHDAY_WORDS);
  await birthday.getByLabel('卡片上方的話（英文）').fill('Happy birthday! A coupon for you.');
  await birthday.getByRole('button', { name: '儲存' }).click();
  await page.getByText('已儲存「生日月優惠」').waitFor();
  await page.getByText('生日月優惠 · 已開啟').waitFor();
  // The page says when it runs: today's pass at the schedule's next look, in Taipei time.
  const nextRun = page.getByRole('form', { name: '生日月優惠' }).getByRole('note', { name: '下次執行' });
  expect(await nextRun.textContent()).toMatch(
    /^下次執行：\d{4}\/\d{2}\/\d{2}\s\d{2}:\d{2} 前（台北時間）。$/,
  );
  keep(await page.screenshot({ fullPage: true }), 'marketer-journey-on.png');

  // The schedule's look, as every instance makes it every five minutes (here: now), runs the day's journeys; the
  // campaign sender freezes the day's campaign and multicasts it, as for any campaign.
  const schedule = startDailyJobs({ engine, clock: app.clock, log: app.log, worker: app.worker });
  onTestFinished(() => schedule.stop());
  await phonePage.getByText(BIRTHDAY_WORDS).waitFor({ timeout: 60_000 });
  keep(await phonePage.screenshot({ fullPage: true }), 'marketer-birthday-coupon.png');
  const pushed = line.inspect.messagesTo(lineUser.userId).filter((m) => m.via === 'multicast');
  expect(JSON.stringify(pushed.map((m) => m.message))).toContain(BIRTHDAY_WORDS);
  expect(JSON.stringify(pushed.map((m) => m.message))).toContain(COUPON);
  await schedule.stop();
  // The sender marks the day's campaign sent once its last batch went.
  await vi.waitFor(
    async () => {
      const sent = await engine.read((tx) =>
        tx.select({ status: campaigns.status }).from(campaigns).where(like(campaigns.name, '生日月優惠%')),
      );
      expect(sent).toEqual([{ status: 'sent' }]);
    },
    { timeout: 30_000, interval: 100 },
  );

  // The journey's page: today's run done, the next by tomorrow's first look; the day's campaign, sent to one.
  await page.reload();
  const after = page.getByRole('form', { name: '生日月優惠' });
  await after
    .getByRole('note', { name: '下次執行' })
    .getByText(/^今天已執行。下次執行：/)
    .waitFor();
  await after.getByText('每日活動').click();
  const day = after.getByRole('row').filter({ hasText: taipeiDate(new Date()) });
  await day.getByText('已發送').waitFor();
  expect(await day.getByRole('cell').allTextContents()).toEqual([
    taipeiDate(new Date()),
    '1',
    '1',
    '1',
    '已發送',
  ]);
  keep(await page.screenshot({ fullPage: true }), 'marketer-journey-sent.png');

  expect(line.violations).toEqual([]);
  expect(phoneProblems).toEqual([]);
  expect(admin.problems).toEqual([]);
  expect(marketer.problems).toEqual([]);
}, 240_000);
