import { expect, it } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { seedDemo, seedDemoStaff } from '../../bot/demo-seed.ts';
import { joinMembership } from '../../bot/domain/members.ts';
import { activeStores } from '../../bot/domain/stores.ts';
import { joinForm } from '../../bot/testing/members.ts';
import { businessHours } from '../../db/schema.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, phone, problemsOf } from './chromium.ts';
import { startPhoneDemo } from './phone-demo.ts';
import { signInToConsole } from './walk-steps.ts';

const PUBLIC_URL = 'https://shop.example';

/**
 * Issue 15's images, in Chromium: staff pick a JPEG in the console's composer, the page draws its preview on a
 * canvas and uploads both; LINE is sent an image message whose links are under PUBLIC_URL and serve the bytes;
 * the console shows staff's own image, and the phone a placeholder (shop.example reaches no server here).
 */
it('staff send a photo: its preview is made in the browser, LINE gets signed links, the console shows it', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { browser, line, engine, app, origin, phoneUrl } = await startPhoneDemo(chromiumPath, {
    publicUrl: PUBLIC_URL,
  });
  await seedDemo(engine, new Date());
  await seedDemoStaff(engine, new Date());
  await engine.write((tx) => tx.delete(businessHours));
  const [taipei] = await activeStores(engine);
  const shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await line.shoppers.follow(shopper.userId);
  await app.events.idle();
  await joinMembership(engine, shopper.userId, joinForm(taipei!.id, { name: '王小明' }), new Date());

  const phonePage = await (await browser.newContext(phone)).newPage();
  // The phone's browser cannot reach shop.example: that image's failed load is expected, nothing else.
  const phoneProblems = problemsOf(phonePage, /^https:\/\/shop\.example\/|\/favicon\.ico$/);
  await phonePage.goto(phoneUrl);
  await phonePage.getByLabel('顧客', { exact: true }).selectOption({ label: '王小明(好友)' });
  await phonePage.getByLabel('訊息').fill('可以傳菜單的照片給我嗎？');
  await phonePage.getByLabel('訊息').press('Enter');
  await phonePage.getByText('專人會盡快回覆').waitFor();

  const { page: staffPage, problems: staffProblems } = await signInToConsole(
    browser,
    origin,
    'manager',
    'demo-manager-2026',
  );
  await staffPage.getByRole('button', { name: '對話' }).click();
  await staffPage.getByRole('list', { name: '對話列表' }).getByText('王小明').click();
  const send = staffPage.getByRole('button', { name: '傳送圖片' });
  await expect.poll(() => send.isEnabled()).toBe(true);

  // A real photo: the console itself, as a JPEG of some 1280 pixels wide.
  const photo = await staffPage.screenshot({ type: 'jpeg', quality: 90, fullPage: true });
  await staffPage.locator('input[type=file]').setInputFiles({
    name: '菜單.jpg',
    mimeType: 'image/jpeg',
    buffer: photo,
  });
  const messages = staffPage.getByRole('list', { name: '訊息' });
  const shown = messages.getByRole('img', { name: '圖片' });
  await shown.waitFor();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  keep(await staffPage.screenshot({ fullPage: true }), 'chat-image-console.png');
  await staffPage.setViewportSize({ width: 360, height: 800 });
  await staffPage.getByRole('button', { name: 'English' }).click();
  await staffPage.getByRole('button', { name: 'Send an image' }).waitFor();
  keep(await staffPage.screenshot({ fullPage: true }), 'chat-image-console-360-en.png');

  const [sent] = line.inspect.messagesTo(shopper.userId).filter((m) => m.message.type === 'image');
  const { originalContentUrl, previewImageUrl } = sent!.message as Record<string, string>;
  expect(originalContentUrl).toMatch(/^https:\/\/shop\.example\/media\/chat\/\d+\/original\?exp=\d+&sig=/);
  expect(previewImageUrl).toMatch(/^https:\/\/shop\.example\/media\/chat\/\d+\/preview\?exp=\d+&sig=/);
  const served = async (link: string) => {
    const response = await fetch(link.replace(PUBLIC_URL, origin));
    return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const original = await served(originalContentUrl!);
  expect([original.type, original.bytes.equals(photo)]).toEqual(['image/jpeg', true]);
  // The canvas's preview: a JPEG at most 240 pixels a side, far below LINE's 1 MB.
  const preview = await served(previewImageUrl!);
  expect(preview.type).toBe('image/jpeg');
  expect(preview.bytes.length).toBeLessThan(100_000);
  const side = await staffPage.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    return Math.max(bitmap.width, bitmap.height);
  }, preview.bytes.toString('base64'));
  expect(side).toBe(240);

  await phonePage.getByText('圖片（無法載入）').waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'chat-image-phone.png');
  expect(phoneProblems.filter((p) => !p.includes('shop.example'))).toEqual([]);
  expect(staffProblems).toEqual([]);
}, 180_000);
