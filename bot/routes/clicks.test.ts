import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignClicks } from '../../db/schema.ts';
import { commandLine } from '../domain/actor.ts';
import { createCampaign } from '../domain/campaigns/campaigns.ts';
import { clickToken } from '../domain/campaigns/clicks.ts';
import { type Product, startProduct } from '../testing/harness.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

describe('GET /c/:token', () => {
  it('counts the click and redirects to the announcement’s link; an unknown token is 404', async () => {
    const campaign = await createCampaign(
      product.engine,
      {
        name: '特賣',
        rules: { field: 'lineFriend' },
        message: {
          kind: 'announcement',
          imageUrl: null,
          buttonUrl: 'https://example.com/sale',
          zh: { title: '特賣', text: '九折', buttonLabel: '看看' },
          en: { title: 'Sale', text: '10% off', buttonLabel: 'See' },
        },
      },
      commandLine,
      new Date(),
    );
    const click = await product.app.inject({ method: 'GET', url: `/c/${clickToken(campaign)}` });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://example.com/sale');
    expect(await product.engine.read((tx) => tx.select().from(campaignClicks))).toHaveLength(1);
    const unknown = await product.app.inject({ method: 'GET', url: '/c/1.nottherightone' });
    expect(unknown.statusCode).toBe(404);
  });
});
