// A journey's daily campaigns with their counts, newest first: the journey's page lists them and links each to
// the campaign's own results (ADR 0035).
import { desc, eq, inArray } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { campaigns, journeyEntries } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { ensureCan } from '../permissions.ts';
import { getJourney } from './journeys.ts';

export interface JourneyDay {
  day: string;
  campaignId: number;
  entered: number;
  status: (typeof campaigns.$inferSelect)['status'];
  recipients: number;
  heldOut: number;
  sent: number;
  failed: number;
}

export async function journeyDays(
  engine: Engine,
  kind: string,
  actor: Actor,
  limit = 60,
): Promise<JourneyDay[]> {
  ensureCan(actor, 'campaign.read');
  const journey = await getJourney(engine, kind, actor);
  return engine.read(async (tx) => {
    const days = await tx
      .selectDistinct({ day: journeyEntries.enteredOn, campaignId: journeyEntries.campaignId })
      .from(journeyEntries)
      .where(eq(journeyEntries.journey, journey.kind))
      .orderBy(desc(journeyEntries.campaignId))
      .limit(limit);
    if (days.length === 0) return [];
    const ids = days.map((d) => d.campaignId);
    const rows = await tx.select().from(campaigns).where(inArray(campaigns.id, ids));
    const counts = await tx
      .select({ campaignId: journeyEntries.campaignId, memberId: journeyEntries.memberId })
      .from(journeyEntries)
      .where(inArray(journeyEntries.campaignId, ids));
    const entered = new Map<number, number>();
    for (const c of counts) entered.set(c.campaignId, (entered.get(c.campaignId) ?? 0) + 1);
    const byId = new Map(rows.map((c) => [c.id, c]));
    return days.map(({ day, campaignId }) => {
      const c = byId.get(campaignId)!;
      return {
        ...{ day, campaignId, entered: entered.get(campaignId) ?? 0, status: c.status },
        ...{ recipients: c.recipients, heldOut: c.heldOut, sent: c.sent, failed: c.failed },
      };
    });
  });
}
