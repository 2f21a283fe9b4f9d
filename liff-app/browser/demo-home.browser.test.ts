import { expect, it, onTestFinished } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { demoClaim, demoStaff } from '../../bot/demo-seed.ts';
import { startProduct } from '../../bot/testing/harness.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot, launchChromium, problemsOf } from './chromium.ts';

/** Chromium reports every Content-Security-Policy violation as a console error. */
const reportViolations = () =>
  document.addEventListener('securitypolicyviolation', (event) =>
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
  );

it('the demo home shows its links and its favicon within the security policy, at 360 px and 1280 px', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const [product, browser] = await Promise.all([
    startProduct({
      app: {
        demo: true,
        demoHome: { phoneUrl: 'http://127.0.0.1:3001/_stand-in/phone/', claim: demoClaim, staff: demoStaff },
        brand: { name: '好日子咖啡', logoUrl: null },
      },
    }),
    launchChromium(chromiumPath),
  ]);
  onTestFinished(async () => {
    await browser.close();
    await product.close();
  });
  const { port } = product.app.server.address() as { port: number };
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.addInitScript(reportViolations);
    const problems = problemsOf(page, null);
    const favicon = page.waitForResponse((response) => response.url().endsWith('/favicon.svg'));
    await page.goto(`http://127.0.0.1:${port}/`);
    expect((await favicon).status()).toBe(200);
    await page.getByRole('heading', { name: '好日子咖啡' }).waitFor();
    for (const name of ['手機', '會員中心', '門市櫃檯', '管理後台']) {
      await page.getByRole('link', { name: new RegExp(`^${name} `) }).waitFor();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    keepScreenshot(await page.screenshot({ fullPage: true }), `demo-home-${width}.png`);
    expect(problems).toEqual([]);
    await page.close();
  }
});
