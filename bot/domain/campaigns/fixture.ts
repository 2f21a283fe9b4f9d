// Members and campaigns for the sending tests, written in bulk so that a campaign to a thousand members is set up
// in a few transactions rather than a thousand sign-ups.
import { randomBytes, randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import { campaigns, lineFriends, marketingSettings, members, tiers } from '../../../db/schema.ts';
import { commandLine } from '../actor.ts';
import { freezeNextCampaign, startCampaign } from './sending.ts';

/** Tuesday 10:00 in Taipei, 1 December 2026: outside the default quiet hours (22:00–09:00). */
export const now = new Date('2026-12-01T02:00:00Z');

export interface Shopper {
  optIn?: boolean;
  /** The LINE friendship as the product knows it; null for none recorded. */
  friend?: 'friend' | 'blocked' | null;
  language?: string;
  lineUserId?: string;
}

let numbers = 0;

/** Adds members as described, 500 to a transaction; answers their ids in order. */
export async function addMembers(engine: Engine, shoppers: Shopper[], at = now): Promise<number[]> {
  const ids: number[] = [];
  const [tier] = await engine.read((tx) => tx.select().from(tiers).orderBy(asc(tiers.rank)).limit(1));
  for (let i = 0; i < shoppers.length; i += 500) {
    const chunk = shoppers.slice(i, i + 500).map((s) => ({
      ...s,
      lineUserId: s.lineUserId ?? `U${randomBytes(16).toString('hex')}`,
    }));
    const rows = await engine.write(async (tx) => {
      const friends = chunk.filter((s) => s.friend !== null);
      if (friends.length > 0) {
        await tx.insert(lineFriends).values(
          friends.map((s) => ({
            ...{ lineUserId: s.lineUserId, language: s.language ?? 'zh-TW', status: s.friend ?? 'friend' },
            ...{ followedAt: at, updatedAt: at },
          })),
        );
      }
      return tx
        .insert(members)
        .values(
          chunk.map((s) => ({
            ...{ memberNumber: `T${++numbers}`, source: 'line' as const, lineUserId: s.lineUserId },
            ...{ tierCode: tier!.code, marketingOptIn: s.optIn ?? true, cardId: randomUUID() },
            ...{ cardSecret: randomBytes(16).toString('base64url'), joinedAt: at, updatedAt: at },
          })),
        )
        .returning({ id: members.id });
    });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** A draft campaign to every member (an empty rule), saying a plain text in both languages. */
export async function addCampaign(
  engine: Engine,
  options: { holdoutPercent?: number; scheduledAt?: Date | null; message?: CampaignMessage } = {},
): Promise<number> {
  const [row] = await engine.write((tx) =>
    tx
      .insert(campaigns)
      .values({
        name: '週末快閃',
        rules: { all: [] },
        message: options.message ?? {
          kind: 'text',
          zh: { text: '週末全館九折！' },
          en: { text: '10% off this weekend!' },
        },
        status: 'draft',
        scheduledAt: options.scheduledAt ?? null,
        aggregationUnit: `weekend_${randomBytes(4).toString('hex')}`,
        holdoutPercent: options.holdoutPercent ?? 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: campaigns.id }),
  );
  return row!.id;
}

/** Saves the brand's marketing rules: by default no quiet hours, so a test sends whatever the hour. */
export async function setSendingRules(
  engine: Engine,
  rules: Partial<typeof marketingSettings.$inferInsert> = {},
): Promise<void> {
  const row = { id: 1, quietStart: '00:00', quietEnd: '00:00', updatedAt: now, ...rules };
  await engine.write((tx) =>
    tx.insert(marketingSettings).values(row).onConflictDoUpdate({ target: marketingSettings.id, set: row }),
  );
}

/** Starts a campaign and freezes it at once, as the sender would (a test that is not about the sender). */
export async function startFrozen(engine: Engine, campaignId: number, at = now): Promise<void> {
  await startCampaign(engine, campaignId, commandLine, at);
  await freezeNextCampaign(engine, { worker: 'fixture', now: () => at });
}
