import { randomBytes } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import Fastify from 'fastify';
import { type LineStandInOptions, startLineStandIn } from './index.ts';

/** A clock tests move by hand: reply tokens, rate windows and retry keys expire without sleeping. */
export function manualClock(start = Date.UTC(2026, 6, 15, 3, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/** A stand-in of its own for one test, with the real SDK clients pointed at it. */
export async function startTestLine(options: Partial<LineStandInOptions> = {}) {
  const clock = manualClock();
  const credentials = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(24).toString('base64url'),
    loginChannelId: '1657000000',
  };
  const line = await startLineStandIn({ ...credentials, now: clock.now, ...options });
  const channelAccessToken = options.channelAccessToken ?? credentials.channelAccessToken;
  return {
    line,
    clock,
    ...credentials,
    client: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: line.urls.api }),
    blob: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: line.urls.data }),
    /** A shopper who has added the account. */
    async friend(displayName?: string) {
      const shopper = line.shoppers.create({ displayName });
      await line.shoppers.follow(shopper.userId);
      return shopper;
    },
  };
}

export type TestLine = Awaited<ReturnType<typeof startTestLine>>;

/** What the SDK call failed with: LINE's status, parsed body and headers. */
export async function lineFailure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof HTTPFetchError)) throw error;
    return { status: error.status, body: JSON.parse(error.body), headers: error.headers };
  }
  throw new Error('expected the call to fail');
}

/** A product webhook for tests: keeps what LINE posted, raw bytes and headers, and answers as told. */
export async function startWebhookReceiver(answer: () => Promise<number> | number = () => 200) {
  const received: { raw: string; headers: Record<string, string | string[] | undefined> }[] = [];
  const app = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.post('/webhook', async (request, reply) => {
    received.push({ raw: String(request.body), headers: request.headers });
    return reply.code(await answer()).send({});
  });
  const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/webhook`;
  return { url, received, close: () => app.close() };
}

export const textMessage = (text: string) => ({ type: 'text' as const, text });

/** A Flex member card, as the product might send it. */
export const memberCard: messagingApi.FlexMessage = {
  type: 'flex',
  altText: '您的會員卡',
  contents: {
    type: 'bubble',
    body: {
      type: 'box',
      layout: 'vertical',
      contents: [
        { type: 'text', text: '金卡會員', weight: 'bold', size: 'xl' },
        { type: 'text', text: '點數 1,280', color: '#888888' },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      contents: [
        {
          type: 'button',
          style: 'primary',
          action: { type: 'uri', label: '出示條碼', uri: 'https://liff.line.me/1' },
        },
      ],
    },
  },
};

/** A valid two-area rich menu of LINE's large size. */
export const richMenu: messagingApi.RichMenuRequest = {
  size: { width: 2500, height: 843 },
  selected: true,
  name: 'member menu',
  chatBarText: '會員選單',
  areas: [
    { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: 'postback', data: 'action=card' } },
    {
      bounds: { x: 1250, y: 0, width: 1250, height: 843 },
      action: { type: 'richmenuswitch', richMenuAliasId: 'coupons', data: 'switch=coupons' },
    },
  ],
};
