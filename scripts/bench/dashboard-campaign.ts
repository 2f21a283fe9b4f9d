// bench:dashboard's campaign: a brand's dashboard shows its recent campaigns' results, and seed:scale has none. One
// campaign to every active member (a tenth held out), started three days before the run and sent, is made once and
// kept (named bench:dashboard), written in bulk rather than sent through the stand-in (bench:push does that).
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns, members } from '../../db/schema.ts';

const NAME = 'bench:dashboard';
const DAY_MS = 86_400_000;

/** The bench's campaign, made when missing: answers its id and recipients. */
export async function benchCampaign(engine: Engine, now: Date): Promise<{ id: number; recipients: number }> {
  const [known] = await engine.read((tx) =>
    tx
      .select({ id: campaigns.id, recipients: campaigns.recipients })
      .from(campaigns)
      .where(eq(campaigns.name, NAME)),
  );
  if (known) return known;
  const startedAt = new Date(now.getTime() - 3 * DAY_MS);
  return engine.write(async (tx) => {
    const [made] = await tx
      .insert(campaigns)
      .values({
        name: NAME,
        rules: { all: [] },
        message: { kind: 'text', zh: { text: '週末全館九折！' }, en: { text: '10% off this weekend!' } },
        status: 'sent',
        aggregationUnit: 'bench_dashboard',
        holdoutPercent: 10,
        ...{
          createdAt: startedAt,
          updatedAt: startedAt,
          frozenAt: startedAt,
          startedAt,
          finishedAt: startedAt,
        },
      })
      .returning({ id: campaigns.id });
    const id = made!.id;
    const heldOut = sql`${members.id} % 10 = 0`;
    await tx.insert(campaignRecipients).select(
      tx
        .select({
          campaignId: sql`${id}`.as('campaign_id'),
          memberId: members.id,
          lineUserId: members.lineUserId,
          language: sql`'zh-TW'`.as('language'),
          holdout: sql`${heldOut}`.as('holdout'),
          batchNo: sql`case when ${heldOut} then null else ${members.id} / 500 end`.as('batch_no'),
          skipped: sql`null`.as('skipped'),
        })
        .from(members)
        .where(eq(members.status, 'active')),
    );
    const batches = await tx
      .select({ batchNo: campaignRecipients.batchNo, size: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, id), isNotNull(campaignRecipients.batchNo)))
      .groupBy(campaignRecipients.batchNo);
    for (let i = 0; i < batches.length; i += 500)
      await tx.insert(campaignBatches).values(
        batches.slice(i, i + 500).map((b) => ({
          ...{ campaignId: id, batchNo: b.batchNo!, language: 'zh-TW' as const, size: b.size },
          ...{ retryKey: randomUUID(), status: 'sent' as const, attempts: 1, sentAt: startedAt },
        })),
      );
    const recipients = batches.reduce((n, b) => n + b.size, 0);
    const [held] = await tx
      .select({ n: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.holdout, true)));
    await tx
      .update(campaigns)
      .set({ recipients, heldOut: held!.n, sent: recipients })
      .where(eq(campaigns.id, id));
    return { id, recipients };
  });
}
