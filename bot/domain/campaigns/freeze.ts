import { randomInt } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, lineFriends, members } from '../../../db/schema.ts';
import { retryKeyFor } from '../notices.ts';
import { membersOf } from '../segments/count.ts';
import type { Rule } from '../segments/rules.ts';
import { fatigued } from './fatigue.ts';
import type { SendingRules } from './quiet-hours.ts';

/** LINE accepts at most 500 user ids in one multicast. */
export const BATCH_MAX = 500;
/** Members read and written per transaction while freezing: a million recipients never sit in memory at once. */
const PAGE = 2_000;

type Language = 'zh-TW' | 'en';
type Recipient = typeof campaignRecipients.$inferInsert;

/** The same key for every attempt of a batch, on any instance, after any restart. */
export const batchRetryKey = (campaignId: number, batchNo: number) =>
  retryKeyFor(`campaign:${campaignId}:batch:${batchNo}`);

/** What a freeze wrote: recipients to send to (in batches) and members held out. */
export interface Frozen {
  recipients: number;
  heldOut: number;
}

/**
 * Fixes who a campaign goes to, page by page in member id order: the rule's members (membersOf), each checked
 * again LIVE (a LINE friend now, not blocked, opted in to marketing), then the fatigue rule (no more than
 * `weeklyLimit` marketing pushes in 7 days), then the holdout drawn at random; the rest fill batches of at most 500
 * of one language. Each page is one transaction, so a freeze of a million members holds one page in memory.
 * `hold` is asked in each page's transaction whether the freeze is still this worker's to do (its lease, renewed):
 * when not, nothing more is written and the answer is null. `listed` names the members instead of the rule (a
 * journey's entrants of the day, ADR 0035); every check after is the same.
 */
export async function freezeRecipients(
  engine: Engine,
  campaign: { id: number; rules: Rule; holdoutPercent: number },
  rules: SendingRules,
  now: Date,
  hold: (tx: Tx) => Promise<boolean> = async () => true,
  listed: AsyncIterable<number[]> | null = null,
): Promise<Frozen | null> {
  const open = new Map<Language, { no: number; size: number }>();
  let nextNo = 1;
  const frozen: Frozen = { recipients: 0, heldOut: 0 };
  const pages = listed ?? membersOf(engine, campaign.rules, now, { reachable: false, pageSize: PAGE });
  for await (const ids of pages) {
    const held = await engine.write(async (tx) => {
      if (!(await hold(tx))) return false;
      const live = await liveReach(tx, ids);
      const tired = await fatigued(tx, ids, rules.weeklyLimit, now);
      const rows: Recipient[] = [];
      const touched = new Map<number, { language: Language; size: number }>();
      for (const id of ids) {
        const member = live.get(id);
        if (!member) continue;
        const row = { campaignId: campaign.id, memberId: id, lineUserId: member.lineUserId };
        const base = { ...row, language: member.language, holdout: false, batchNo: null };
        if (member.skipped) rows.push({ ...base, skipped: member.skipped });
        else if (tired.has(id)) rows.push({ ...base, skipped: 'fatigue' });
        else if (randomInt(10_000) < campaign.holdoutPercent * 100) {
          rows.push({ ...base, holdout: true });
          frozen.heldOut++;
        } else {
          let batch = open.get(member.language);
          if (!batch || batch.size === BATCH_MAX) {
            batch = { no: nextNo++, size: 0 };
            open.set(member.language, batch);
          }
          batch.size++;
          touched.set(batch.no, { language: member.language, size: batch.size });
          rows.push({ ...base, batchNo: batch.no });
          frozen.recipients++;
        }
      }
      for (let i = 0; i < rows.length; i += BATCH_MAX) {
        await tx
          .insert(campaignRecipients)
          .values(rows.slice(i, i + BATCH_MAX))
          .onConflictDoNothing();
      }
      for (const [batchNo, { language, size }] of touched) {
        await tx
          .insert(campaignBatches)
          .values({
            ...{ campaignId: campaign.id, batchNo, language, size },
            ...{ retryKey: batchRetryKey(campaign.id, batchNo), status: 'pending' as const },
          })
          .onConflictDoUpdate({
            target: [campaignBatches.campaignId, campaignBatches.batchNo],
            set: { size },
          });
      }
      return true;
    });
    if (!held) return null;
  }
  return frozen;
}

/**
 * Each member as they stand now: null when nothing may reach them (left, no LINE account), else their LINE
 * account and language, and why a marketing push skips them (blocked or not a friend, not opted in).
 */
async function liveReach(tx: Tx, ids: number[]) {
  const rows = await tx
    .select({
      id: members.id,
      lineUserId: members.lineUserId,
      status: members.status,
      optIn: members.marketingOptIn,
      friend: lineFriends.status,
      language: lineFriends.language,
    })
    .from(members)
    .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(inArray(members.id, ids));
  const reach = new Map<
    number,
    { lineUserId: string; language: Language; skipped: 'blocked' | 'opted_out' | null }
  >();
  for (const row of rows) {
    if (row.status !== 'active' || !row.lineUserId) continue;
    const language: Language = row.language?.toLowerCase().startsWith('en') ? 'en' : 'zh-TW';
    const skipped = row.friend !== 'friend' ? 'blocked' : row.optIn ? null : 'opted_out';
    reach.set(row.id, { lineUserId: row.lineUserId, language, skipped });
  }
  return reach;
}
