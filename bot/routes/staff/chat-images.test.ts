import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatMessages } from '../../../db/schema.ts';
import { eraseMessages } from '../../domain/chat/erase.ts';
import { joinMembership } from '../../domain/members.ts';
import { friendOf, handClock, shopperWrites, startChatProduct } from '../../testing/chat.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

const PUBLIC_URL = 'https://shop.example';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const GIF = Buffer.from('GIF89a');

/** Bytes that begin as `head` does (what the server judges a file by), `size` long. */
const file = (head: Buffer, size: number) => Buffer.concat([head, randomBytes(size - head.length)]);
const photo = file(JPEG, 200_000);
const thumbnail = file(PNG, 20_000);
const body = (original: Buffer, preview: Buffer, extra: object = {}) => ({
  original: original.toString('base64'),
  preview: preview.toString('base64'),
  requestId: randomUUID(),
  ...extra,
});

type ChatProduct = Awaited<ReturnType<typeof startChatProduct>>;
let product: ChatProduct;
let clock: ReturnType<typeof handClock>;
let ming: string;

async function start(publicUrl: string | null) {
  clock = handClock();
  product = await startChatProduct({ clock, app: { publicUrl } });
  const store = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  await addStaff(product.engine, 'amy', 'clerk', [store]);
  ming = await friendOf(product, '王小明');
  await joinMembership(product.engine, ming, joinForm(store, { phone: '0912345678' }), clock.now());
}
afterEach(() => product.close());

/** GET over plain http from the server under test, as LINE would over https from PUBLIC_URL. */
async function fetchFromServer(link: string) {
  const { port } = product.app.server.address() as AddressInfo;
  const url = new URL(link);
  return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`);
}

const imagesTo = (userId: string) =>
  product.line.inspect.messagesTo(userId).filter((m) => m.message.type === 'image');

describe('with PUBLIC_URL', () => {
  beforeEach(() => start(PUBLIC_URL));

  it('refuses a file that is not JPEG or PNG by its bytes, too large, not base64, or with unknown fields', async () => {
    const { conversationId } = await shopperWrites(product, ming, '可以傳照片給我嗎');
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${conversationId}/images`;
    const refusals = [
      [body(file(GIF, 5_000), thumbnail), 400, 'CHAT_IMAGE_TYPE', '只能傳送 JPEG 或 PNG 圖片'],
      [body(photo, file(GIF, 500)), 400, 'CHAT_IMAGE_TYPE', '只能傳送 JPEG 或 PNG 圖片'],
      [body(file(JPEG, 10_000_001), thumbnail), 413, 'CHAT_IMAGE_TOO_LARGE', '圖片不可超過 10 MB'],
      [body(photo, file(JPEG, 1_000_001)), 413, 'CHAT_IMAGE_TOO_LARGE', '預覽圖不可超過 1 MB'],
      [body(file(PNG, 12_000_000), thumbnail), 413, 'CHAT_IMAGE_TOO_LARGE', '圖片不可超過 10 MB'],
    ] as const;
    for (const [payload, status, code, message] of refusals) {
      const answer = await amy.send('POST', url, payload);
      expect([answer.statusCode, answer.json()]).toMatchObject([status, { code, message }]);
    }
    const unknown = await amy.send('POST', url, body(photo, thumbnail, { caption: '新品' }));
    expect([unknown.statusCode, unknown.json().fields]).toEqual([400, { caption: 'UNKNOWN_FIELD' }]);
    const notBase64 = await amy.send('POST', url, { ...body(photo, thumbnail), original: '照片' });
    expect([notBase64.statusCode, notBase64.json().fields]).toEqual([400, { original: 'INVALID' }]);
    expect(imagesTo(ming)).toEqual([]);
    const outgoing = await product.engine.read((tx) =>
      tx.select().from(chatMessages).where(eq(chatMessages.direction, 'out')),
    );
    expect(outgoing).toEqual([]);
  });

  it('sends an image free with the fresh reply token, else by push, linking under PUBLIC_URL to bytes that are served', async () => {
    const { conversationId } = await shopperWrites(product, ming, '可以看一下實品嗎');
    const amy = await signedIn(product.app, 'amy');
    const conversation = `/api/staff/chat/conversations/${conversationId}`;
    expect((await amy.get(conversation)).json()).toMatchObject({ images: { allowed: true } });
    const first = await amy.send('POST', `${conversation}/images`, body(photo, thumbnail));
    expect(first.json()).toMatchObject({
      delivery: 'reply',
      message: { kind: 'image', status: 'sent', staff: { displayName: 'amy' }, media: { status: 'fetched' } },
    });
    const [sent] = imagesTo(ming);
    const id = first.json().message.id;
    const link = (variant: string) =>
      new RegExp(`^${PUBLIC_URL}/media/chat/${id}/${variant}\\?exp=\\d+&sig=[\\w-]{43}$`);
    expect(sent).toMatchObject({
      via: 'reply',
      message: { originalContentUrl: expect.stringMatching(link('original')) },
    });
    expect(sent!.message.previewImageUrl).toMatch(link('preview'));

    const original = await fetchFromServer(String(sent!.message.originalContentUrl));
    expect([original.status, original.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await original.arrayBuffer()).equals(photo)).toBe(true);
    const preview = await fetchFromServer(String(sent!.message.previewImageUrl));
    expect([preview.status, preview.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await preview.arrayBuffer()).equals(thumbnail)).toBe(true);
    // The console shows staff's own image through the staff media route, as it shows the shopper's.
    const inConsole = await amy.get(first.json().message.media.url);
    expect([inConsole.statusCode, inConsole.rawPayload.equals(photo)]).toEqual([200, true]);

    const second = await amy.send('POST', `${conversation}/images`, body(thumbnail, thumbnail));
    expect(second.json()).toMatchObject({ delivery: 'push', message: { status: 'sent' } });
    expect(imagesTo(ming)).toMatchObject([{ via: 'reply' }, { via: 'push', retryKey: expect.any(String) }]);
    expect((await amy.get(conversation)).json().conversation.lastMessage).toEqual({
      direction: 'out',
      kind: 'image',
      text: null,
    });
  });

  it('refuses a link whose signature, file or id was changed (403), past its expiry (403), or erased (404)', async () => {
    const { conversationId } = await shopperWrites(product, ming, '照片呢');
    const amy = await signedIn(product.app, 'amy');
    const sentAnswer = await amy.send(
      'POST',
      `/api/staff/chat/conversations/${conversationId}/images`,
      body(photo, thumbnail),
    );
    const id: number = sentAnswer.json().message.id;
    const link = String(imagesTo(ming)[0]!.message.originalContentUrl);
    const sig = new URL(link).searchParams.get('sig')!;
    const tampered = [
      link.replace(/sig=./, (s) => (s.endsWith('A') ? 'sig=B' : 'sig=A')),
      link.replace('/original?', '/preview?'),
      link.replace(`/chat/${id}/`, `/chat/${id + 1}/`),
      link.replace(/exp=\d+/, (e) => `exp=${Number(e.slice(4)) + 86_400}`),
      `${PUBLIC_URL}/media/chat/${id}/original?exp=99999999999&sig=${sig}`,
    ];
    for (const changed of tampered) {
      const answer = await fetchFromServer(changed);
      expect([changed, answer.status, (await answer.json()).code]).toEqual([changed, 403, 'LINK_REFUSED']);
    }
    expect((await fetchFromServer(link.replace(/&sig=.*/, ''))).status).toBe(400);
    expect((await fetchFromServer(`${PUBLIC_URL}/media/chat/`)).status).toBe(404);
    expect((await fetchFromServer(link)).status).toBe(200);

    await product.engine.write((tx) => eraseMessages(tx, [id], clock.now(), 'deleted'));
    expect((await fetchFromServer(link)).status).toBe(404);
    clock.advance(181 * 86_400_000);
    const expired = await fetchFromServer(link);
    expect([expired.status, (await expired.json()).message]).toEqual([
      403,
      '這個連結已過期。(This link has expired)',
    ]);
  });

  it('sends an image once for one requestId, however often it is submitted, and refuses other bytes under it', async () => {
    const { conversationId } = await shopperWrites(product, ming, '請傳菜單');
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${conversationId}/images`;
    const payload = body(photo, thumbnail);
    const answers = await Promise.all([1, 2, 3].map(() => amy.send('POST', url, payload)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.json().message.id)).size).toBe(1);
    expect(imagesTo(ming)).toHaveLength(1);
    const again = await amy.send('POST', url, payload);
    expect(again.json()).toMatchObject({ message: { id: answers[0]!.json().message.id, status: 'sent' } });
    const other = await amy.send('POST', url, {
      ...body(file(JPEG, 9_000), thumbnail),
      requestId: payload.requestId,
    });
    expect([other.statusCode, other.json().code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    expect(imagesTo(ming)).toHaveLength(1);
  });
});

describe('without PUBLIC_URL (the demo on http)', () => {
  beforeEach(() => start(null));

  it('says images are off and refuses one in zh-TW, sending nothing', async () => {
    const { conversationId } = await shopperWrites(product, ming, '有照片嗎');
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${conversationId}`;
    expect((await amy.get(url)).json()).toMatchObject({ images: { allowed: false } });
    const refused = await amy.send('POST', `${url}/images`, body(photo, thumbnail));
    expect([refused.statusCode, refused.json()]).toMatchObject([
      409,
      {
        code: 'CHAT_IMAGES_NEED_PUBLIC_URL',
        message: expect.stringContaining('傳送圖片需要設定 HTTPS 的 PUBLIC_URL'),
      },
    ]);
    expect(imagesTo(ming)).toEqual([]);
    expect((await amy.get(url)).json()).toMatchObject({ reply: { token: 'fresh' } });
  });
});
