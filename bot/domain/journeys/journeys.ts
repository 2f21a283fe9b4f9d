// The five journeys as the marketer sets them (ADR 0035): on or off, the message (a campaign's: a coupon card
// names a claimable template), and the delay in days. Reading them is campaign.read; changing them journey.edit.
import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import { JOURNEY_KINDS, type JourneyKind } from '../../../db/schema/journeys.ts';
import { couponTemplates, journeys } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { checkedFields } from '../campaigns/campaigns.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';

export interface Journey {
  kind: JourneyKind;
  enabled: boolean;
  message: CampaignMessage;
  delayDays: number;
  updatedAt: Date | null;
  updatedBy: number | null;
}

export const journeyNames: Record<JourneyKind, { zh: string; en: string }> = {
  welcome: { zh: '入會歡迎', en: 'Welcome' },
  birthday: { zh: '生日月優惠', en: 'Birthday month' },
  points_expiring: { zh: '點數到期提醒', en: 'Points expiring' },
  win_back: { zh: '久未消費喚回', en: 'Win-back' },
  tier_upgrade: { zh: '升等祝賀', en: 'Tier upgrade' },
};

/** What a journey is before a marketer saves it: off, with a plain text and a usual delay. */
const defaults: Record<JourneyKind, { delayDays: number; zh: string; en: string }> = {
  welcome: { delayDays: 1, zh: '歡迎加入會員！', en: 'Welcome to the membership!' },
  birthday: {
    delayDays: 0,
    zh: '生日快樂！這個月有專屬優惠。',
    en: 'Happy birthday! An offer for your month.',
  },
  points_expiring: { delayDays: 14, zh: '您的點數即將到期，記得使用。', en: 'Your points expire soon.' },
  win_back: { delayDays: 60, zh: '好久不見，歡迎回來逛逛！', en: 'We miss you: come back soon!' },
  tier_upgrade: { delayDays: 1, zh: '恭喜升等！', en: 'Congratulations on your new tier!' },
};

/**
 * Days a journey may wait: the run at the start of a Taipei day takes in the events of the days before (a join,
 * a last purchase, an upgrade: at least one day), the birthday month's days, or the expiries ahead.
 */
export const delayRange: Record<JourneyKind, [number, number]> = {
  welcome: [1, 365],
  birthday: [0, 27],
  points_expiring: [0, 365],
  win_back: [1, 365],
  tier_upgrade: [1, 365],
};

const isKind = (kind: string): kind is JourneyKind => (JOURNEY_KINDS as readonly string[]).includes(kind);

export async function journeyIn(tx: Tx, kind: JourneyKind): Promise<Journey> {
  const [row] = await tx.select().from(journeys).where(eq(journeys.kind, kind));
  if (row) return row;
  const d = defaults[kind];
  const message: CampaignMessage = { kind: 'text', zh: { text: d.zh }, en: { text: d.en } };
  return { kind, enabled: false, message, delayDays: d.delayDays, updatedAt: null, updatedBy: null };
}

function kindOf(kind: string): JourneyKind {
  if (!isKind(kind))
    throw new DomainError('JOURNEY_NOT_FOUND', '找不到這個自動旅程（no such journey）', { kind });
  return kind;
}

export async function listJourneys(engine: Engine, actor: Actor): Promise<Journey[]> {
  ensureCan(actor, 'campaign.read');
  return engine.read(async (tx) => Promise.all(JOURNEY_KINDS.map((kind) => journeyIn(tx, kind))));
}

export async function getJourney(engine: Engine, kind: string, actor: Actor): Promise<Journey> {
  ensureCan(actor, 'campaign.read');
  return engine.read((tx) => journeyIn(tx, kindOf(kind)));
}

export interface JourneyChanges {
  enabled?: boolean;
  message?: CampaignMessage;
  delayDays?: number;
}

/**
 * Changes a journey (what is left out stays), checked as a campaign's message is. A coupon template the brand
 * already gives by itself (join, tier, birthday auto-issue) is refused: the journey would offer it twice.
 */
export async function updateJourney(
  engine: Engine,
  kind: string,
  changes: JourneyChanges,
  actor: Actor,
  now: Date,
): Promise<Journey> {
  ensureCan(actor, 'journey.edit');
  const journeyKind = kindOf(kind);
  return engine.write(async (tx) => {
    const before = await journeyIn(tx, journeyKind);
    const after = { ...before, ...changes, kind: journeyKind };
    const fields: Record<string, string> = {};
    const delay = after.delayDays;
    const [least, most] = delayRange[journeyKind];
    if (!(Number.isInteger(delay) && delay >= least && delay <= most)) fields.delayDays = 'DELAY_INVALID';
    if (after.message.kind === 'coupon') {
      const [template] = await tx
        .select({ autoIssue: couponTemplates.autoIssue })
        .from(couponTemplates)
        .where(eq(couponTemplates.id, after.message.templateId));
      if (template?.autoIssue) fields['message.templateId'] = 'COUPON_AUTO_ISSUED';
    }
    if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
    // Switched off, a journey may keep a message that no longer passes (a coupon switched off since).
    if (changes.message !== undefined || after.enabled)
      await checkedFields(tx, { message: after.message }, now);
    const row = { ...after, updatedAt: now, updatedBy: actor.staffId };
    await tx.insert(journeys).values(row).onConflictDoUpdate({ target: journeys.kind, set: row });
    const shown = (j: Journey) => ({ enabled: j.enabled, message: j.message, delayDays: j.delayDays });
    await auditAs(tx, actor, now, {
      action: 'journey.edit',
      subjectType: 'journey',
      subjectId: journeyKind,
      before: shown(before),
      after: shown(row),
    });
    return row;
  });
}
