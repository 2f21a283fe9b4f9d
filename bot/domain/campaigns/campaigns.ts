// Campaigns as the marketer writes them: a draft with its audience (a segment's rules, copied), its message in
// both languages, when it goes and how many are held out (ADR 0030). Only a draft may change; starting it is
// the sender's (sending.ts), after the cost is confirmed (cost.ts).
import { desc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import { campaigns, couponTemplates, segments } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { currentCopyOf } from '../coupon-claims.ts';
import { type CouponOfferView, offersOf } from '../coupon-wallet.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { checkRules } from '../segments/rules.ts';
import { taipeiDate } from '../taipei-time.ts';
import { messageProblems } from './message-checks.ts';
import { marketingSettingsIn } from './settings.ts';

export type Campaign = typeof campaigns.$inferSelect;

/** What the marketer writes; a segment's rules are copied, or the rules come as they are. */
export interface CampaignFields {
  name: string;
  segmentId?: number | null;
  rules?: unknown;
  message: CampaignMessage;
  scheduledAt?: Date | null;
  holdoutPercent?: number;
}

/** `customAggregationUnits` name: LINE allows ^[a-zA-Z0-9_]{1,30}$; the id and Taipei month make it unique. */
export const aggregationUnitOf = (id: number, createdAt: Date) =>
  `c${id}_${taipeiDate(createdAt).slice(0, 7).replace('-', '')}`;

export async function campaignIn(tx: Tx, id: number): Promise<Campaign> {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
  if (!campaign) throw new DomainError('CAMPAIGN_NOT_FOUND', '找不到這個活動', { campaignId: id });
  return campaign;
}

/**
 * A template's offer as no member in particular sees it: what the preview shows and the checks read. A retired
 * template is followed to its newest copy, as a claim link is.
 */
export async function campaignOffer(tx: Tx, templateId: number, now: Date): Promise<CouponOfferView | null> {
  const [template] = await tx
    .select()
    .from(couponTemplates)
    .where(eq(couponTemplates.id, await currentCopyOf(tx, templateId)));
  if (!template) return null;
  const [offer] = await offersOf(tx, 0, [template], now);
  return offer ?? null;
}

/** The message with absent optional parts written as null, as it is stored and sent. */
function normalised(message: CampaignMessage): CampaignMessage {
  if (message.kind !== 'announcement') return message;
  const words = (w: { title: string; text: string; buttonLabel: string | null }) => ({
    title: w.title,
    text: w.text,
    buttonLabel: w.buttonLabel ?? null,
  });
  return {
    ...message,
    imageUrl: message.imageUrl ?? null,
    buttonUrl: message.buttonUrl ?? null,
    zh: words(message.zh),
    en: words(message.en),
  };
}

/**
 * Every field of a draft checked by name, against the database where it names something (segment, coupon): on
 * saving, and again before it starts (a coupon may have been switched off since).
 */
export async function checkedFields(tx: Tx, input: Partial<CampaignFields>, now: Date) {
  const fields: Record<string, string> = {};
  if (input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length === 0 || [...name].length > 60) fields.name = 'NAME_INVALID';
  }
  if (input.message !== undefined) Object.assign(fields, messageProblems(input.message));
  if (input.message?.kind === 'coupon' && !fields['message.templateId']) {
    const offer = await campaignOffer(tx, input.message.templateId, now);
    const template =
      offer && (await tx.select().from(couponTemplates).where(eq(couponTemplates.id, offer.templateId)))[0];
    if (!offer || !template) fields['message.templateId'] = 'COUPON_TEMPLATE_NOT_FOUND';
    else if (!template.claimable) fields['message.templateId'] = 'COUPON_NOT_CLAIMABLE';
    else if (offer.reason === 'COUPON_NOT_AVAILABLE' || offer.reason === 'COUPONS_ALL_ISSUED')
      fields['message.templateId'] = offer.reason;
  }
  if (input.scheduledAt && input.scheduledAt.getTime() <= now.getTime())
    fields.scheduledAt = 'SCHEDULE_IN_PAST';
  const holdout = input.holdoutPercent;
  if (holdout !== undefined && !(Number.isInteger(holdout) && holdout >= 0 && holdout <= 50))
    fields.holdoutPercent = 'HOLDOUT_INVALID';
  let rules: unknown;
  if (input.segmentId !== undefined && input.segmentId !== null) {
    if (input.rules !== undefined) fields.rules = 'SEGMENT_OR_RULES';
    const [segment] = await tx.select().from(segments).where(eq(segments.id, input.segmentId));
    if (!segment) fields.segmentId = 'SEGMENT_NOT_FOUND';
    else rules = segment.rules;
  } else if (input.rules !== undefined) rules = checkRules(input.rules);
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  return { rules };
}

export async function listCampaigns(engine: Engine, actor: Actor): Promise<Campaign[]> {
  ensureCan(actor, 'campaign.read');
  return engine.read((tx) => tx.select().from(campaigns).orderBy(desc(campaigns.id)).limit(200));
}

export async function getCampaign(engine: Engine, id: number, actor: Actor): Promise<Campaign> {
  ensureCan(actor, 'campaign.read');
  return engine.read((tx) => campaignIn(tx, id));
}

/** Saves a new draft, its aggregation unit named after its id; the holdout defaults to the brand's. Audited. */
export async function createCampaign(
  engine: Engine,
  input: CampaignFields,
  actor: Actor,
  now: Date,
): Promise<Campaign> {
  ensureCan(actor, 'campaign.edit');
  return engine.write(async (tx) => {
    if (input.segmentId == null && input.rules === undefined) throw new InvalidFields({ rules: 'REQUIRED' });
    const { rules } = await checkedFields(tx, input, now);
    const settings = await marketingSettingsIn(tx);
    const [draft] = await tx
      .insert(campaigns)
      .values({
        name: input.name.trim(),
        segmentId: input.segmentId ?? null,
        rules,
        message: normalised(input.message),
        status: 'draft',
        scheduledAt: input.scheduledAt ?? null,
        aggregationUnit: 'pending',
        holdoutPercent: input.holdoutPercent ?? settings.holdoutPercent,
        createdBy: actor.staffId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [campaign] = await tx
      .update(campaigns)
      .set({ aggregationUnit: aggregationUnitOf(draft!.id, now) })
      .where(eq(campaigns.id, draft!.id))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'campaign.create',
      subjectType: 'campaign',
      subjectId: campaign!.id,
      after: { name: campaign!.name, segmentId: campaign!.segmentId, message: campaign!.message },
    });
    return campaign!;
  });
}

/**
 * Changes a draft (what is left out stays); CAMPAIGN_NOT_DRAFT once it was started, since its recipients and
 * cost were fixed then. Naming a segment copies its rules again; rules alone drop the segment. Audited.
 */
export async function updateCampaign(
  engine: Engine,
  id: number,
  changes: Partial<CampaignFields>,
  actor: Actor,
  now: Date,
): Promise<Campaign> {
  ensureCan(actor, 'campaign.edit');
  return engine.write(async (tx) => {
    const before = await campaignIn(tx, id);
    if (before.status !== 'draft')
      throw new DomainError('CAMPAIGN_NOT_DRAFT', '活動已開始，不能再修改', { status: before.status });
    const { rules } = await checkedFields(tx, changes, now);
    // A segment named copies its rules; rules alone, or a segment of null, leave the rules the campaign's own.
    const audience =
      changes.segmentId != null
        ? { segmentId: changes.segmentId, rules }
        : {
            ...((changes.rules !== undefined || changes.segmentId === null) && { segmentId: null }),
            ...(changes.rules !== undefined && { rules }),
          };
    const [campaign] = await tx
      .update(campaigns)
      .set({
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(changes.message !== undefined && { message: normalised(changes.message) }),
        ...(changes.scheduledAt !== undefined && { scheduledAt: changes.scheduledAt }),
        ...(changes.holdoutPercent !== undefined && { holdoutPercent: changes.holdoutPercent }),
        ...audience,
        // A price confirmed for what the draft was is not one for what it becomes.
        confirmedCost: null,
        updatedAt: now,
      })
      .where(eq(campaigns.id, id))
      .returning();
    const shown = (c: Campaign) => ({
      name: c.name,
      segmentId: c.segmentId,
      rules: c.rules,
      message: c.message,
      scheduledAt: c.scheduledAt?.toISOString() ?? null,
      holdoutPercent: c.holdoutPercent,
    });
    await auditAs(tx, actor, now, {
      action: 'campaign.update',
      subjectType: 'campaign',
      subjectId: id,
      before: shown(before),
      after: shown(campaign!),
    });
    return campaign!;
  });
}
