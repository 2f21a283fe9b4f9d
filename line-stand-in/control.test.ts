import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { validateSignature } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCliOptions } from './cli-config.ts';
import { startTestLine, startWebhookReceiver, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeEach(async () => {
  t = await startTestLine();
  hook = await startWebhookReceiver();
});
afterEach(async () => {
  await t.line.close();
  await hook.close();
});

/** The control API as the phone page calls it: JSON over fetch, no access token. */
async function control(method: string, path: string, body?: object) {
  const response = await fetch(`${t.line.urls.api}/_stand-in${path}`, {
    method,
    ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: type.includes('json') ? await response.json() : await response.text(),
  };
}

describe('the control API', () => {
  it('plays a shopper end to end: create, follow, write, tap, and read what the product answered', async () => {
    expect(await control('PUT', '/webhook', { url: hook.url })).toEqual({
      status: 200,
      body: { url: hook.url },
    });
    const created = await control('POST', '/shoppers', { displayName: '林大同', language: 'zh-TW' });
    expect(created).toMatchObject({ status: 201, body: { displayName: '林大同', friendship: 'stranger' } });
    const { userId } = created.body;

    const followed = await control('POST', `/shoppers/${userId}/follow`);
    expect(followed.body).toMatchObject({ status: 200, events: [{ type: 'follow' }] });
    const raw = hook.received[0]!.raw;
    expect(
      validateSignature(raw, t.channelSecret, String(hook.received[0]!.headers['x-line-signature'])),
    ).toBe(true);

    await control('POST', `/shoppers/${userId}/messages`, { type: 'text', text: '你好' });
    await control('POST', `/shoppers/${userId}/messages`, {
      type: 'sticker',
      packageId: '1',
      stickerId: '2',
    });
    await control('POST', `/shoppers/${userId}/messages`, {
      type: 'location',
      latitude: 25,
      longitude: 121.5,
    });
    await control('POST', `/shoppers/${userId}/messages`, {
      type: 'image',
      base64: 'aGk=',
      contentType: 'image/jpeg',
    });
    await control('POST', `/shoppers/${userId}/postbacks`, {
      data: 'action=visit',
      params: { date: '2026-12-24' },
    });
    expect(hook.received.map((r) => JSON.parse(r.raw).events[0].type)).toEqual([
      'follow',
      'message',
      'message',
      'message',
      'message',
      'postback',
    ]);

    const { replyToken } = followed.body.events[0];
    await t.client.replyMessage({ replyToken, messages: [textMessage('歡迎!')] });
    expect((await control('GET', `/shoppers/${userId}/messages`)).body).toMatchObject([
      { via: 'reply', message: { text: '歡迎!' } },
    ]);
    expect((await control('GET', '/webhook/deliveries')).body).toHaveLength(6);

    const redelivered = await control(
      'POST',
      `/webhook/events/${followed.body.events[0].webhookEventId}/redelivery`,
    );
    expect(redelivered.body.events[0].deliveryContext).toEqual({ isRedelivery: true });

    await control('POST', `/shoppers/${userId}/block`);
    await control('POST', `/shoppers/${userId}/unblock`);
    expect((await control('GET', `/shoppers/${userId}`)).body).toMatchObject({ friendship: 'friend' });
    expect((await control('GET', '/shoppers')).body).toHaveLength(1);
  });

  it('mints ID tokens that LINE Login verifies', async () => {
    const { userId } = t.line.shoppers.create();
    const { body } = await control('POST', `/shoppers/${userId}/id-tokens`, { nonce: 'xyz' });
    const verify = await fetch(`${t.line.urls.api}/oauth2/v2.1/verify`, {
      method: 'POST',
      body: new URLSearchParams({ id_token: body.idToken, client_id: t.loginChannelId, nonce: 'xyz' }),
    });
    expect(verify.status).toBe(200);
  });

  it('shows the rich menu a shopper sees, its image, the quota, violations and faults', async () => {
    const shopper = await t.friend();
    expect((await control('GET', `/shoppers/${shopper.userId}/rich-menu`)).body).toEqual({
      richMenuId: null,
      richMenu: null,
      imageUrl: null,
    });
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('1')] });
    expect((await control('GET', '/quota')).body).toEqual({ limit: 200, used: 1 });
    expect((await control('GET', '/violations')).body).toEqual([]);
    expect((await control('GET', '/rich-menus')).body).toEqual({
      defaultRichMenuId: null,
      aliases: {},
      richMenus: [],
    });

    expect((await control('PUT', '/faults', { getBotInfo: { serverErrorRate: 1 } })).status).toBe(200);
    await expect(t.client.getBotInfo()).rejects.toMatchObject({ status: 500 });
    expect((await control('PUT', '/faults', { getBotInfo: { serverErrorRate: 2 } })).status).toBe(400);
  });

  it('answers unknown shoppers and bad bodies with 404 and 400', async () => {
    expect((await control('POST', `/shoppers/U${'0'.repeat(32)}/follow`)).status).toBe(404);
    expect((await control('POST', '/shoppers', { displayName: '' })).status).toBe(400);
    expect((await control('POST', `/shoppers/U${'0'.repeat(32)}/messages`, { type: 'video' })).status).toBe(
      400,
    );
  });
});

describe('running as its own process', () => {
  it('reads ports, secrets and the quota from flags before the environment', () => {
    const options = readCliOptions(['--api-port', '4100', '--monthly-quota', 'unlimited'], {
      LINE_STAND_IN_API_PORT: '9',
      LINE_STAND_IN_DATA_PORT: '4101',
      LINE_CHANNEL_SECRET: 'a'.repeat(32),
    });
    expect(options).toMatchObject({
      ports: { api: 4100, data: 4101 },
      channelSecret: 'a'.repeat(32),
      limits: { monthlyQuota: null },
      host: '127.0.0.1',
    });
    expect(() => readCliOptions(['--api-port', 'eighty'], {})).toThrow(/port/);
  });

  it('starts with main.ts, prints its URLs and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['line-stand-in/main.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout) {
      output += chunk;
      if (output.includes('Webhook URL')) break;
    }
    const api = /api\.line\.me\):\s+(http:\/\/\S+)/.exec(output)![1]!;
    expect((await fetch(`${api}/oauth2/v2.1/certs`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
