// The recipients of a journey's daily campaign are its entrants of the day, not a segment's rules: the freeze
// (campaigns/freezing.ts) reads them from here when a campaign has any (ADR 0035).
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { journeyEntries } from '../../../db/schema.ts';

const PAGE = 2_000;

async function* pagesOf(engine: Engine, campaignId: number): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await engine.read((tx) =>
      tx
        .select({ id: journeyEntries.memberId })
        .from(journeyEntries)
        .where(and(eq(journeyEntries.campaignId, campaignId), gt(journeyEntries.memberId, after)))
        .orderBy(asc(journeyEntries.memberId))
        .limit(PAGE),
    );
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    yield rows.map((r) => r.id);
  }
}

/** A journey campaign's entrants, page by page in member id order; null for a campaign that is no journey's. */
export async function listedMembersOf(
  engine: Engine,
  campaignId: number,
): Promise<AsyncGenerator<number[]> | null> {
  const [any] = await engine.read((tx) =>
    tx
      .select({ id: journeyEntries.memberId })
      .from(journeyEntries)
      .where(eq(journeyEntries.campaignId, campaignId))
      .limit(1),
  );
  return any ? pagesOf(engine, campaignId) : null;
}
