import { expect, it } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { addStore } from '../../bot/testing/members.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, phone, problemsOf } from './chromium.ts';
import { startPhoneDemo } from './phone-demo.ts';

/** Chromium reports every Content-Security-Policy violation, in any frame, as a console error. */
const reportViolations = () =>
  document.addEventListener('securitypolicyviolation', (event) =>
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
  );

it('the member app opens in the demo’s phone page, framed from the stand-in, within its security policy', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  // The demo as `npm start` wires it (bot/server.ts): the phone page, on the stand-in's origin, may frame the app.
  const { browser, line, engine, app, origin } = await startPhoneDemo(chromiumPath);
  await addStore(engine, 'TPE01', '台北信義店');
  const shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await line.shoppers.follow(shopper.userId);
  await app.events.idle();

  const browsing = await browser.newContext(phone);
  await browsing.addInitScript(reportViolations);
  const page = await browsing.newPage();
  const problems = problemsOf(page);
  await page.goto(`${line.urls.api}/_stand-in/phone/`);
  await page.getByLabel('顧客', { exact: true }).selectOption({ label: '王小明(好友)' });
  await page.getByRole('button', { name: 'LIFF' }).click();

  // The member app, in the phone's LIFF frame: not a member yet, so the join form with the stores.
  const liff = page.frameLocator('iframe[title="LIFF"]');
  await liff.getByRole('option', { name: '台北信義店' }).waitFor({ state: 'attached' });
  await liff.getByLabel('手機號碼').waitFor();
  keep(await page.screenshot({ fullPage: true }), 'phone-liff-join.png');
  expect(problems).toEqual([]);

  // Any other page that frames the app is refused by the browser: the frame shows Chromium's error page.
  const elsewhere = await browsing.newPage();
  await elsewhere.route('http://elsewhere.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe src="${origin}/liff/member/"></iframe>` }),
  );
  await elsewhere.goto('http://elsewhere.test/'); // the page's load waits for its frame's
  const [, framed] = elsewhere.frames();
  expect(framed?.url()).toBe('chrome-error://chromewebdata/');
});
