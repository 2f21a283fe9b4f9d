import type { Browser, Page } from 'playwright-core';
import { problemsOf } from './chromium.ts';

/**
 * A new shopper on the phone page adds the account and joins in the LIFF app, at `store`, born on `birthday`,
 * opted in to marketing or not. Resolves with the LIFF frame, on the member card.
 */
export async function joinOnPhone(
  page: Page,
  shopper: { name: string; phone: string; store: string; optIn: boolean; birthday?: string },
) {
  const { name } = shopper;
  await page.getByLabel('顧客名稱').fill(name);
  await page.getByRole('button', { name: '新增顧客' }).click();
  await page
    .getByLabel('顧客', { exact: true })
    .locator('option', { hasText: name })
    .waitFor({ state: 'attached' });
  await page.getByRole('button', { name: '加入好友' }).first().click();
  await page
    .getByLabel('顧客', { exact: true })
    .locator('option', { hasText: `${name}(好友)` })
    .waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'LIFF' }).click();
  const liff = page.frameLocator('iframe[title="LIFF"]');
  await liff.getByLabel('手機號碼').fill(shopper.phone);
  await liff.getByLabel('姓名').fill(name);
  await liff.getByLabel(/^生日/).fill(shopper.birthday ?? '1992-04-18');
  await liff.getByLabel('常用門市').selectOption({ label: shopper.store });
  await liff.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
  if (shopper.optIn) await liff.getByRole('checkbox', { name: /優惠與活動訊息/ }).check();
  await liff.getByRole('button', { name: '加入會員' }).click();
  await liff.getByRole('region', { name: '會員卡' }).getByRole('heading', { name }).waitFor();
  return liff;
}

/** The console in a fresh browser context, signed in (on the role's first page); its console errors collected. */
export async function signInToConsole(browser: Browser, origin: string, username: string, password: string) {
  const page = await (await browser.newContext({ locale: 'zh-TW', timezoneId: 'Asia/Taipei' })).newPage();
  const problems = problemsOf(page, /\/favicon\.ico$|\/api\/staff\/session$/);
  await page.goto(`${origin}/liff/staff/`);
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼').fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await page.getByRole('button', { name: '登出' }).waitFor();
  return { page, problems };
}

/** The admin lifts the quiet hours (equal start and end: none) and the holdout, so pushes go now, to everyone. */
export async function liftQuietHoursAndHoldout(admin: Page) {
  await admin.getByRole('button', { name: '行銷設定' }).click();
  await admin.getByLabel('勿擾時段開始（台北時間）').fill('00:00');
  await admin.getByLabel('勿擾時段結束（台北時間）').fill('00:00');
  await admin.getByLabel('新活動預設的保留對照組（%）').fill('0');
  await admin.getByRole('button', { name: '儲存' }).click();
  await admin.getByText('已儲存行銷設定').waitFor();
}
