// A campaign link's click, counted on the way to the link (ADR 0030): the button of an announcement opens the
// product's own /c/:token, which records the click and redirects to the campaign's link.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { campaignClicks, campaigns } from '../../../db/schema.ts';
import type { Campaign } from './campaigns.ts';

/** A check on the campaign id, from when it was created: an id alone does not make a click count. */
const checkOf = (campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  createHash('sha256')
    .update(`campaign-click:${campaign.id}:${campaign.createdAt.getTime()}`)
    .digest('base64url')
    .slice(0, 12);

/** The token in a campaign's click URL: its id and the check. */
export const clickToken = (campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  `${campaign.id}.${checkOf(campaign)}`;

/**
 * The URL an announcement's button opens (`origin` is the product's public address): one per campaign, since a
 * multicast sends the same message to every recipient of a batch; the click is counted without the member.
 */
export const campaignClickUrl = (origin: string, campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  `${origin.replace(/\/$/, '')}/c/${clickToken(campaign)}`;

/**
 * Records a click on a campaign's link and answers where to send the shopper: the announcement's own button URL
 * (never a URL from the request, so /c/ is no open redirect). Null for a token that names no campaign with a
 * link; nothing is recorded then.
 */
export async function recordClick(engine: Engine, token: string, now: Date): Promise<string | null> {
  const match = /^(\d{1,10})\.([\w-]{12})$/.exec(token);
  if (!match) return null;
  return engine.write(async (tx) => {
    const [campaign] = await tx
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, Number(match[1])));
    if (!campaign || checkOf(campaign) !== match[2]) return null;
    const message = campaign.message;
    if (message.kind !== 'announcement' || !message.buttonUrl) return null;
    await tx
      .insert(campaignClicks)
      .values({ campaignId: campaign.id, memberId: null, target: message.buttonUrl, at: now });
    return message.buttonUrl;
  });
}
