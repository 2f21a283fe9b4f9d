import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { campaignClicks } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { commandLine } from '../actor.ts';
import { createCampaign } from './campaigns.ts';
import { campaignClickUrl, clickToken, recordClick } from './clicks.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const now = new Date('2026-11-24T04:00:00Z');
const announcement = (buttonUrl: string | null) => ({
  kind: 'announcement' as const,
  imageUrl: null,
  buttonUrl,
  zh: { title: '特賣', text: '九折', buttonLabel: buttonUrl ? '看看' : null },
  en: { title: 'Sale', text: '10% off', buttonLabel: buttonUrl ? 'See' : null },
});
const draft = (message: ReturnType<typeof announcement>) =>
  createCampaign(engine, { name: '特賣', rules: { field: 'lineFriend' }, message }, commandLine, now);

describe('a campaign link’s clicks', () => {
  it('counts a click and sends the shopper on to the campaign’s own link', async () => {
    const campaign = await draft(announcement('https://example.com/sale'));
    expect(campaignClickUrl('https://shop.example/', campaign)).toBe(
      `https://shop.example/c/${clickToken(campaign)}`,
    );
    expect(await recordClick(engine, clickToken(campaign), now)).toBe('https://example.com/sale');
    expect(await recordClick(engine, clickToken(campaign), now)).toBe('https://example.com/sale');
    const clicks = await engine.read((tx) => tx.select().from(campaignClicks));
    expect(clicks).toMatchObject([
      { campaignId: campaign.id, memberId: null, target: 'https://example.com/sale' },
      { campaignId: campaign.id },
    ]);
  });

  it('counts nothing for a token without its check, another campaign’s check, or a campaign with no link', async () => {
    const linked = await draft(announcement('https://example.com/sale'));
    const bare = await draft(announcement(null));
    expect(await recordClick(engine, String(linked.id), now)).toBeNull();
    expect(await recordClick(engine, `${bare.id}.${clickToken(linked).split('.')[1]}`, now)).toBeNull();
    expect(await recordClick(engine, clickToken(bare), now)).toBeNull();
    expect(await recordClick(engine, '999.abcdefghijkl', now)).toBeNull();
    expect(await engine.read((tx) => tx.select().from(campaignClicks))).toEqual([]);
  });
});
