import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailsOf } from './conformance.ts';
import { readSpec, resolveDiscriminators, SchemaValidators, specFile } from './openapi-schemas.ts';
import { lineFailure, startTestLine, startWebhookReceiver, type TestLine, textMessage } from './test-kit.ts';
import type { Delivery } from './types.ts';

const webhookSpec = readSpec(specFile('webhook.yml'));
const webhookSchemas = new SchemaValidators('webhook', resolveDiscriminators(webhookSpec.components.schemas));
const webhookViolations = (raw: string) =>
  detailsOf(webhookSchemas.forComponent('CallbackRequest'), JSON.parse(raw));

let t: TestLine;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeEach(async () => {
  hook = await startWebhookReceiver();
  t = await startTestLine();
  t.line.setWebhookUrl(hook.url);
});
afterEach(async () => {
  await t.line.close();
  await hook.close();
});

/** The control API as the phone page calls it. */
async function control(method: string, path: string, body?: object) {
  const response = await fetch(`${t.line.urls.api}/_stand-in${path}`, {
    method,
    ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const type = response.headers.get('content-type') ?? '';
  const answer = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, type, body: answer };
}

async function download(messageId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await t.blob.getMessageContent(messageId)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Message = { id: string; markAsReadToken: string; quoteToken?: string };
const messageOf = (delivery: Delivery) => delivery.events[0]!.message as Message;

describe("a shopper's stickers, photos and files", () => {
  it('delivers them as LINE does, each with its tokens, and keeps the bytes on the data host', async () => {
    const { userId } = await t.friend();
    const photo = Buffer.from('a receipt photo');
    const pdf = Buffer.from('%PDF-1.4 an order list');
    await control('POST', `/shoppers/${userId}/messages`, {
      type: 'sticker',
      packageId: '11537',
      stickerId: '52002734',
      stickerResourceType: 'ANIMATION',
      keywords: ['Hi'],
    });
    await control('POST', `/shoppers/${userId}/messages`, {
      type: 'image',
      contentType: 'image/jpeg',
      base64: photo.toString('base64'),
    });
    const sent = await control('POST', `/shoppers/${userId}/messages`, {
      type: 'file',
      fileName: '訂單.pdf',
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
    });
    expect(sent.status).toBe(200);
    const raws = hook.received.slice(1).map((r) => r.raw);
    for (const raw of raws) expect(webhookViolations(raw)).toEqual([]);
    const [sticker, image, file] = raws.map((raw) => JSON.parse(raw).events[0]);
    expect(sticker.message).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'sticker',
      packageId: '11537',
      stickerId: '52002734',
      stickerResourceType: 'ANIMATION',
      keywords: ['Hi'],
      quoteToken: expect.any(String),
      markAsReadToken: expect.any(String),
    });
    expect(image.message).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'image',
      contentProvider: { type: 'line' },
      quoteToken: expect.any(String),
      markAsReadToken: expect.any(String),
    });
    // webhook.yml's FileMessageContent has no quoteToken: a file cannot be quoted.
    expect(file.message).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'file',
      fileName: '訂單.pdf',
      fileSize: pdf.length,
      markAsReadToken: expect.any(String),
    });
    for (const event of [sticker, image, file]) expect(event.replyToken).toEqual(expect.any(String));

    expect(await download(image.message.id)).toEqual(photo);
    expect(await download(file.message.id)).toEqual(pdf);
    const own = await control('GET', `/contents/${file.message.id}`);
    expect(own).toMatchObject({ status: 200, type: 'application/pdf', body: pdf });
  });

  it('refuses a file without a name or bytes', async () => {
    const { userId } = await t.friend();
    const missing = await control('POST', `/shoppers/${userId}/messages`, { type: 'file', base64: 'AA==' });
    expect(missing.status).toBe(400);
    const empty = await control('POST', `/shoppers/${userId}/messages`, {
      type: 'file',
      fileName: 'a.txt',
      base64: '',
    });
    expect(empty.status).toBe(400);
  });

  it('unsends: an unsend event without a reply token, gone from the chat, its content answered 404', async () => {
    const { userId } = await t.friend();
    const kept = messageOf(await t.line.shoppers.sendText(userId, '留著'));
    const photo = messageOf(await t.line.shoppers.sendImage(userId));
    const delivery = await control('POST', `/shoppers/${userId}/messages/${photo.id}/unsend`);
    expect(delivery.body).toMatchObject({ status: 200 });
    expect(webhookViolations(hook.received.at(-1)!.raw)).toEqual([]);
    const event = JSON.parse(hook.received.at(-1)!.raw).events[0];
    expect(event).toMatchObject({ type: 'unsend', unsend: { messageId: photo.id } });
    expect(event.replyToken).toBeUndefined();

    expect((await lineFailure(t.blob.getMessageContent(photo.id))).status).toBe(404);
    expect((await control('GET', `/contents/${photo.id}`)).status).toBe(404);
    const shown = t.line.inspect
      .chatOf(userId)
      .flatMap((e) => (e.from === 'shopper' ? [[e.event.type, (e.event.message as Message)?.id]] : []));
    // The phone shows the unsend as LINE does: 「你已收回訊息」 where the photo was.
    expect(shown).toEqual([
      ['follow', undefined],
      ['message', kept.id],
      ['unsend', undefined],
    ]);
    expect((await control('POST', `/shoppers/${userId}/messages/123/unsend`)).status).toBe(404);
  });
});

describe('what the shopper sees of the account: 已讀, the loading animation, quotes', () => {
  it("marks the token's message and every earlier one read, not later ones", async () => {
    const { userId } = await t.friend();
    const first = messageOf(await t.line.shoppers.sendText(userId, '你好'));
    t.clock.advance(1000);
    const second = messageOf(await t.line.shoppers.sendText(userId, '請問營業時間?'));
    t.clock.advance(1000);
    const third = messageOf(await t.line.shoppers.sendText(userId, '謝謝'));
    t.clock.advance(1000);
    await t.client.markMessagesAsReadByToken({ markAsReadToken: second.markAsReadToken });
    const readAt = t.clock.now();
    expect([first, second, third].map((m) => t.line.inspect.readAt(m.id))).toEqual([readAt, readAt, null]);
    const chat = (await control('GET', `/shoppers/${userId}/chat`)).body as {
      readAt?: number | null;
      event: { type: string };
    }[];
    expect(chat.map((e) => e.readAt)).toEqual([undefined, readAt, readAt, null]); // the follow has none

    t.clock.advance(1000);
    await t.client.markMessagesAsReadByToken({ markAsReadToken: first.markAsReadToken }); // already read
    await t.client.markMessagesAsReadByToken({ markAsReadToken: third.markAsReadToken });
    expect([first, second, third].map((m) => t.line.inspect.readAt(m.id))).toEqual([
      readAt,
      readAt,
      readAt + 1000,
    ]);
  });

  it('shows the loading animation for its seconds, or until the next message arrives', async () => {
    const { userId } = await t.friend();
    const loading = async () => (await control('GET', `/shoppers/${userId}/loading`)).body.loading;
    expect(await loading()).toBeNull();
    const start = t.clock.now();
    await t.client.showLoadingAnimation({ chatId: userId, loadingSeconds: 10 });
    expect(await loading()).toEqual({ startedAt: start, endsAt: start + 10_000 });
    t.clock.advance(9_999);
    expect(await loading()).not.toBeNull();
    t.clock.advance(1);
    expect(await loading()).toBeNull();

    await t.client.showLoadingAnimation({ chatId: userId, loadingSeconds: 20 });
    t.clock.advance(3000);
    await t.client.pushMessage({ to: userId, messages: [textMessage('您好,門市營業到晚上九點')] });
    expect(await loading()).toBeNull();
  });

  it('keeps the quote token of what the account sent, and what it quoted', async () => {
    const { userId } = await t.friend();
    const asked = messageOf(await t.line.shoppers.sendText(userId, '有停車位嗎?'));
    const { sentMessages } = await t.client.pushMessage({
      to: userId,
      messages: [{ ...textMessage('有的,地下二樓'), quoteToken: asked.quoteToken }],
    });
    const chat = t.line.inspect.chatOf(userId);
    expect(chat.at(-1)).toMatchObject({
      from: 'account',
      message: { text: '有的,地下二樓', quoteToken: asked.quoteToken },
      quoteToken: sentMessages[0]!.quoteToken,
    });
  });
});
