import type { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineFailure, memberCard, richMenu, startTestLine, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

describe('requests checked against messaging-api.yml', () => {
  it('accepts a valid push and records no violation', async () => {
    const shopper = await t.friend();
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('hi'), memberCard] });
    expect(t.line.violations).toEqual([]);
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(2);
  });

  it('refuses an invalid push with details and records it as a violation', async () => {
    const shopper = await t.friend();
    const messages = [{ type: 'text' }, { type: 'txt', text: 'typo' }] as messagingApi.Message[];
    const failure = await lineFailure(t.client.pushMessage({ to: shopper.userId, messages }));
    const details = [
      { message: 'must be specified', property: 'messages[0].text' },
      {
        message:
          'Must be one of the following values: [text, textV2, sticker, image, video, audio, location, imagemap, template, flex, coupon]',
        property: 'messages[1].type',
      },
    ];
    expect(failure).toMatchObject({
      status: 400,
      body: { message: 'The request body has 2 error(s)', details },
    });
    expect(t.line.violations).toEqual([
      {
        operationId: 'pushMessage',
        method: 'POST',
        path: '/v2/bot/message/push',
        requestId: failure.headers.get('x-line-request-id'),
        message: 'The request body has 2 error(s)',
        details,
        at: t.clock.now(),
      },
    ]);
    expect(t.line.inspect.messagesTo(shopper.userId)).toEqual([]);
  });

  it('checks each Flex component by its type: box layout, button action, unknown components', async () => {
    const shopper = await t.friend();
    const broken = structuredClone(memberCard) as unknown as { contents: { body: Record<string, unknown> } };
    broken.contents.body = {
      type: 'box',
      contents: [{ type: 'button' }, { type: 'txt', text: 'x' }, { type: 'image', url: 'not a url' }],
    };
    const failure = await lineFailure(
      t.client.pushMessage({ to: shopper.userId, messages: [broken as unknown as messagingApi.Message] }),
    );
    expect(failure.body.details).toEqual(
      expect.arrayContaining([
        { message: 'must be specified', property: 'messages[0].contents.body.layout' },
        { message: 'must be specified', property: 'messages[0].contents.body.contents[0].action' },
        expect.objectContaining({ property: 'messages[0].contents.body.contents[1].type' }),
        { message: 'Invalid format', property: 'messages[0].contents.body.contents[2].url' },
      ]),
    );
    expect(t.line.violations).toHaveLength(1);
  });

  it('holds limits LINE documents beyond the spec: text length, carousel size, images over https', async () => {
    const shopper = await t.friend();
    const carousel = {
      type: 'flex',
      altText: 'x',
      contents: { type: 'carousel', contents: Array(13).fill(memberCard.contents) },
    } as messagingApi.Message;
    const failure = await lineFailure(
      t.client.pushMessage({ to: shopper.userId, messages: [textMessage('字'.repeat(5001)), carousel] }),
    );
    expect(failure.body.details).toEqual([
      { message: 'Length must be between 1 and 5000', property: 'messages[0].text' },
      { message: 'Size must be between 1 and 12', property: 'messages[1].contents.contents' },
    ]);
    // An empty text, and an image LINE would fetch over plain http.
    const image = {
      type: 'image',
      originalContentUrl: 'http://example.com/a.png',
      previewImageUrl: 'https://example.com/a.png',
    } as messagingApi.Message;
    const refused = await lineFailure(
      t.client.pushMessage({ to: shopper.userId, messages: [textMessage(''), image] }),
    );
    expect(refused.body.details.map((d: { property: string }) => d.property)).toEqual([
      'messages[0].text',
      'messages[1].originalContentUrl',
    ]);
    // The same image over https is taken, and a link past LINE's 2,000 characters is not.
    const https = { ...image, originalContentUrl: 'https://shop.example/media/chat/1/original?exp=1&sig=s' };
    await t.client.pushMessage({ to: shopper.userId, messages: [https] });
    expect(t.line.inspect.messagesTo(shopper.userId).at(-1)?.message).toEqual(https);
    const long = { ...image, originalContentUrl: `https://shop.example/${'a'.repeat(2000)}` };
    const tooLong = await lineFailure(t.client.pushMessage({ to: shopper.userId, messages: [long] }));
    expect(tooLong.body.details.map((d: { property: string }) => d.property)).toEqual([
      'messages[0].originalContentUrl',
    ]);
  });

  it('accepts a valid rich menu and refuses an invalid one, action by action', async () => {
    await t.client.validateRichMenuObject(richMenu);
    await t.client.createRichMenu(richMenu);
    expect(t.line.violations).toEqual([]);
    const invalid = {
      ...richMenu,
      chatBarText: '這是一個太長太長太長的選單文字',
      size: { width: 2500, height: 100 },
      areas: [
        { bounds: { x: 0, y: 0, width: 10, height: 10 }, action: { type: 'richmenuswitch', data: 'x' } },
      ],
    } as messagingApi.RichMenuRequest;
    const failure = await lineFailure(t.client.createRichMenu(invalid));
    expect(failure.body.details).toHaveLength(3);
    expect(failure.body.details).toEqual(
      expect.arrayContaining([
        { message: 'Length must be between 0 and 14', property: 'chatBarText' },
        { message: 'Must be between 250 and infinity', property: 'size.height' },
        { message: 'must be specified', property: 'areas[0].action.richMenuAliasId' },
      ]),
    );
    expect(t.line.violations).toHaveLength(1);
    const tooManyAreas = { ...richMenu, areas: Array(21).fill(richMenu.areas![0]) };
    expect((await lineFailure(t.client.createRichMenu(tooManyAreas))).body.details).toEqual([
      { message: 'Size must be between 0 and 20', property: 'areas' },
    ]);
  });

  it('refuses a body that is not JSON, and counts it as a violation', async () => {
    const response = await fetch(`${t.line.urls.api}/v2/bot/message/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.channelAccessToken}`, 'content-type': 'application/json' },
      body: '{"to": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The request body could not be parsed as JSON' });
    expect(t.line.violations).toMatchObject([{ operationId: 'pushMessage' }]);
  });
});
