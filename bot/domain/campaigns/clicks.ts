// A campaign link's click, counted on the way to the link (ADR 0030). A multicast sends one message to up to 500
// people, so the link itself cannot name the member: the button opens the member mini-app with the campaign's
// token (`https://liff.line.me/{liffId}?c=…`), which records the click for the member its verified ID token
// names, then goes on. The product's own /c/:token counts a click without the member, where there is no LIFF.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import { campaignClicks, campaigns, members } from '../../../db/schema.ts';
import { findMemberByLineUser } from '../members.ts';
import type { Campaign } from './campaigns.ts';
import { CampaignRefusal } from './refusals.ts';

/** A check on the campaign id, from when it was created: an id alone does not make a click count. */
const checkOf = (campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  createHash('sha256')
    .update(`campaign-click:${campaign.id}:${campaign.createdAt.getTime()}`)
    .digest('base64url')
    .slice(0, 12);

/** The token in a campaign's click URL: its id and the check. */
export const clickToken = (campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  `${campaign.id}.${checkOf(campaign)}`;

/** The anonymous click URL (`origin` is the product's public address): the member app's way out of LINE. */
export const campaignClickUrl = (origin: string, campaign: Pick<Campaign, 'id' | 'createdAt'>) =>
  `${origin.replace(/\/$/, '')}/c/${clickToken(campaign)}`;

/** The campaign a token names, if its check holds. */
async function campaignOfToken(tx: Tx, token: string): Promise<Campaign | null> {
  const match = /^(\d{1,10})\.([\w-]{12})$/.exec(token);
  if (!match) return null;
  const [campaign] = await tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.id, Number(match[1])));
  return campaign && checkOf(campaign) === match[2] ? campaign : null;
}

/** Where a click goes on to: an announcement's own button URL (never a URL from the request: no open redirect). */
const targetOf = (campaign: Campaign) =>
  campaign.message.kind === 'announcement' ? campaign.message.buttonUrl : null;

/** What the click recorded: the link to go on to (an announcement's), else null (a coupon's claim goes on in the app). */
export interface ClickAnswer {
  target: string | null;
  /** True when the click was recorded for the member (the first time); false when it had been, or no member. */
  recorded: boolean;
}

/**
 * Records a click on a campaign's link for the member `lineUserId` holds (verified by the caller from the LIFF ID
 * token), once per member and campaign: a second click changes nothing. A LINE user who is no member counts as
 * an anonymous click. A token without its check is CAMPAIGN_NOT_FOUND and records nothing.
 */
export function recordMemberClick(
  engine: Engine,
  token: string,
  lineUserId: string,
  now: Date,
): Promise<ClickAnswer> {
  return engine.write(async (tx) => {
    const campaign = await campaignOfToken(tx, token);
    if (!campaign) throw CampaignRefusal.notFound();
    const target = targetOf(campaign);
    const member = await findMemberByLineUser(tx, lineUserId);
    const at = { campaignId: campaign.id, target: target ?? 'app', at: now };
    if (!member) {
      await tx.insert(campaignClicks).values({ ...at, memberId: null });
      return { target, recorded: false };
    }
    // The member's row is the lock two instances take in turn, so a double tap gives one row on PostgreSQL too.
    await lockRows(tx, members, eq(members.id, member.id));
    const [known] = await tx
      .select({ id: campaignClicks.id })
      .from(campaignClicks)
      .where(and(eq(campaignClicks.campaignId, campaign.id), eq(campaignClicks.memberId, member.id)))
      .limit(1);
    if (known) return { target, recorded: false };
    await tx.insert(campaignClicks).values({ ...at, memberId: member.id });
    return { target, recorded: true };
  });
}

/**
 * Records an anonymous click on a campaign's link and answers where to send the shopper: the announcement's own
 * button URL. Null for a token that names no campaign with a link; nothing is recorded then.
 */
export async function recordClick(engine: Engine, token: string, now: Date): Promise<string | null> {
  return engine.write(async (tx) => {
    const campaign = await campaignOfToken(tx, token);
    const target = campaign && targetOf(campaign);
    if (!campaign || !target) return null;
    await tx.insert(campaignClicks).values({ campaignId: campaign.id, memberId: null, target, at: now });
    return target;
  });
}
