import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignClicks, campaigns } from '../../../db/schema.ts';
import { clickToken } from '../../domain/campaigns/clicks.ts';
import { addCampaign } from '../../domain/campaigns/fixture.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';

let product: Product;
let storeId: number;

beforeEach(async () => {
  product = await startProduct();
  storeId = (await addStore(product.engine)).id;
});
afterEach(() => product.close());

/** A shopper in LINE: their ID token, after joining when `joins`. */
async function shopper(joins: boolean, phone = '0912345678') {
  const { userId } = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  const token = await product.line.shoppers.idToken(userId);
  if (joins) {
    const joined = await product.app.inject({
      method: 'POST',
      url: '/api/liff/members',
      headers: { authorization: `Bearer ${token}` },
      payload: joinForm(storeId, { phone }),
    });
    expect(joined.statusCode).toBe(201);
  }
  return token;
}

const click = (token: string, idToken: string | null, payload: object = { token }) =>
  product.app.inject({
    method: 'POST',
    url: '/api/liff/campaign-clicks',
    ...(idToken && { headers: { authorization: `Bearer ${idToken}` } }),
    payload,
  });

describe('POST /api/liff/campaign-clicks', () => {
  it('records the click for the member the ID token names, once, and answers the announcement’s link', async () => {
    const id = await addCampaign(product.engine, {
      message: {
        kind: 'announcement',
        imageUrl: null,
        buttonUrl: 'https://example.com/sale',
        zh: { title: '特賣', text: '九折', buttonLabel: '看看' },
        en: { title: 'Sale', text: '10% off', buttonLabel: 'See' },
      },
    });
    const [campaign] = await product.engine.read((tx) => tx.select().from(campaigns));
    const token = clickToken(campaign!);
    const member = await shopper(true);
    const first = await click(token, member);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ target: 'https://example.com/sale', recorded: true });
    expect((await click(token, member)).json()).toEqual({
      target: 'https://example.com/sale',
      recorded: false,
    });
    // A LINE user who is no member still goes on; the click counts without a member.
    expect((await click(token, await shopper(false))).json()).toEqual({
      target: 'https://example.com/sale',
      recorded: false,
    });
    const rows = await product.engine.read((tx) => tx.select().from(campaignClicks));
    const [joined] = await product.engine.read((tx) => tx.query.members.findMany());
    expect(rows.map((r) => [r.campaignId, r.memberId])).toEqual([
      [id, joined!.id],
      [id, null],
    ]);
  });

  it('refuses a forged token, a member named by the page, and a request without an ID token', async () => {
    await addCampaign(product.engine);
    const [campaign] = await product.engine.read((tx) => tx.select().from(campaigns));
    const member = await shopper(true);
    const forged = await click(`${campaign!.id}.AAAAAAAAAAAA`, member);
    expect(forged.statusCode).toBe(404);
    expect(forged.json()).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
    const named = await click(clickToken(campaign!), member, { token: clickToken(campaign!), memberId: 1 });
    expect(named.statusCode).toBe(400);
    expect((await click(clickToken(campaign!), null)).statusCode).toBe(401);
    // A text campaign has no link: the click is recorded and the app stays where it is.
    expect((await click(clickToken(campaign!), member)).json()).toEqual({ target: null, recorded: true });
    expect(await product.engine.read((tx) => tx.select().from(campaignClicks))).toHaveLength(1);
  });
});
