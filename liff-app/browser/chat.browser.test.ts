import type { Page } from 'playwright-core';
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

/** The shopper types `text` in the phone page's chat and sends it. */
async function write(page: Page, text: string) {
  await page.getByLabel('訊息').fill(text);
  await page.getByLabel('訊息').press('Enter');
}

/**
 * Issue 15's walk with two browser contexts: a shopper writes on the demo's phone page; the store manager's
 * console, open on 對話, shows the conversation without a reload; opening it marks the shopper's message read
 * (已讀 on the phone); the manager's answers reach the phone: the first as a push (the shopper's reply token went
 * to the automatic "we will reply soon"), the next one free with the token of the shopper's next message, and one
 * after LINE's minute for that token has passed goes out as a push.
 */
it('a shopper writes, the console shows it live, staff answer by reply then push, and the phone shows the answers and 已讀', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  // LINE's clock: the test moves it past a reply token's minute instead of waiting.
  let lineAhead = 0;
  const { browser, line, engine, app, origin, phoneUrl } = await startPhoneDemo(chromiumPath, {
    lineNow: () => Date.now() + lineAhead,
  });
  await seedDemo(engine, new Date());
  await seedDemoStaff(engine, new Date());
  // Staff answer at any hour: a brand with no business hours never closes, so no away text whatever the time.
  await engine.write((tx) => tx.delete(businessHours));
  const [taipei] = await activeStores(engine);
  const shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await line.shoppers.follow(shopper.userId);
  await app.events.idle();
  await joinMembership(engine, shopper.userId, joinForm(taipei!.id, { name: '王小明' }), new Date());

  // The store manager of 台北信義店 has the inbox open before the shopper writes.
  const { page: staffPage, problems: staffProblems } = await signInToConsole(
    browser,
    origin,
    'manager',
    'demo-manager-2026',
  );
  await staffPage.getByRole('button', { name: '對話' }).click();
  await staffPage.getByText('沒有符合的對話。').waitFor();

  const phonePage = await (await browser.newContext(phone)).newPage();
  const phoneProblems = problemsOf(phonePage);
  await phonePage.goto(phoneUrl);
  await phonePage.getByLabel('顧客', { exact: true }).selectOption({ label: '王小明(好友)' });
  await write(phonePage, '你好，請問營業時間？');
  // The product answers by itself once, free, with the message's reply token.
  await phonePage.getByText('專人會盡快回覆').waitFor();

  // The console shows it without a reload: the conversation, unread, its last message the automatic answer.
  const list = staffPage.getByRole('list', { name: '對話列表' });
  await list.getByText('1 則未讀').waitFor();
  await list.getByText(/我方：.*專人會盡快回覆/).waitFor();
  keep(await staffPage.screenshot({ fullPage: true }), 'chat-inbox-live.png');
  await list.getByText('王小明').click();
  // Opening it marks the shopper's message read: LINE shows 已讀 on the phone.
  await phonePage.getByText('已讀').first().waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'chat-phone-read.png');

  // The token went to the automatic answer: this answer is a push, and the composer says so.
  const composer = staffPage.getByRole('textbox', { name: '回覆訊息' });
  await staffPage.getByText(/將以推播傳送/).waitFor();
  await composer.fill('您好，我們每天 10:00 到 21:00 營業。');
  await staffPage.getByRole('button', { name: '傳送', exact: true }).click();
  await phonePage.getByText('您好，我們每天 10:00 到 21:00 營業。').waitFor();

  // The shopper's next message leaves a fresh token (staff handle the conversation now: no automatic answer).
  await write(phonePage, '謝謝！那停車呢？');
  const messages = staffPage.getByRole('list', { name: '訊息' });
  await messages.getByText('謝謝！那停車呢？').waitFor();
  await staffPage.getByText(/免費回覆/).waitFor();
  keep(await staffPage.screenshot({ fullPage: true }), 'chat-conversation-free-reply.png');
  await composer.fill('地下室有停車場，消費可折抵兩小時。');
  await staffPage.getByRole('button', { name: '傳送', exact: true }).click();
  await phonePage.getByText('地下室有停車場，消費可折抵兩小時。').waitFor();

  // Another message, and then LINE's minute for its token passes before staff answer: LINE refuses the reply,
  // and the answer goes out as a push.
  await write(phonePage, '好的，明天見');
  await messages.getByText('好的，明天見').waitFor();
  lineAhead = 2 * 60_000;
  await composer.fill('明天見！');
  await staffPage.getByRole('button', { name: '傳送', exact: true }).click();
  await phonePage.getByText('明天見！').waitFor();
  keep(await phonePage.screenshot({ fullPage: true }), 'chat-phone-answers.png');
  keep(await staffPage.screenshot({ fullPage: true }), 'chat-conversation.png');

  // LINE's own record: the automatic answer and the free answer by reply, the other two by push.
  const via = (text: string) =>
    line.inspect.messagesTo(shopper.userId).find((m) => JSON.stringify(m.message).includes(text))?.via;
  expect(via('專人會盡快回覆')).toBe('reply');
  expect(via('我們每天 10:00 到 21:00 營業')).toBe('push');
  expect(via('地下室有停車場')).toBe('reply');
  expect(via('明天見！')).toBe('push');
  expect(phoneProblems).toEqual([]);
  expect(staffProblems).toEqual([]);
}, 180_000);
