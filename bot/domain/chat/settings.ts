// The chat's settings as an admin edits them: the away and "we will reply soon" texts in both languages, how long
// chat content is kept, and the business hours (the brand's, and a store's own where it has any). Store staff read
// them (the inbox says when the shop answers); only admins change them, audited with before and after.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { businessHours, chatSettings, stores } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { ensureCanEither } from './member-sight.ts';

export interface OpeningHours {
  /** null: the brand's hours, which every store without hours of its own keeps. */
  storeId: number | null;
  /** 0 Sunday to 6 Saturday, in Taipei. */
  weekday: number;
  /** 'HH:MM' in Taipei; opens before closes, on the same day. */
  opens: string;
  closes: string;
}

export interface ChatSettings {
  awayZh: string;
  awayEn: string;
  soonZh: string;
  soonEn: string;
  retentionDays: number;
  hours: OpeningHours[];
}

const TEXT_MAX = 1_000;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const TEXTS = ['awayZh', 'awayEn', 'soonZh', 'soonEn'] as const;

async function settingsIn(tx: Tx): Promise<ChatSettings> {
  const [row] = await tx.select().from(chatSettings).where(eq(chatSettings.id, 1));
  if (!row) throw new Error('The chat settings are missing: run the migrations');
  const hours = await tx
    .select({
      storeId: businessHours.storeId,
      weekday: businessHours.weekday,
      opens: businessHours.opens,
      closes: businessHours.closes,
    })
    .from(businessHours)
    .orderBy(asc(businessHours.storeId), asc(businessHours.weekday), asc(businessHours.opens));
  const { awayZh, awayEn, soonZh, soonEn, retentionDays } = row;
  // The brand's hours first (PostgreSQL sorts nulls last, SQLite first).
  const brandFirst = [...hours.filter((h) => h.storeId === null), ...hours.filter((h) => h.storeId !== null)];
  return { awayZh, awayEn, soonZh, soonEn, retentionDays, hours: brandFirst };
}

/** Those who read or answer the inbox, and admins. */
export async function readChatSettings(engine: Engine, actor: Actor): Promise<ChatSettings> {
  ensureCanEither(actor, 'chat.read', 'chat_settings.edit');
  return engine.read(settingsIn);
}

/** Each field by name (`hours.2.opens`); a day's periods of one store may not overlap. */
async function checkSettings(tx: Tx, settings: ChatSettings): Promise<ChatSettings> {
  const wrong: Record<string, string> = {};
  for (const field of TEXTS) {
    const text = settings[field].trim();
    if (!text || [...text].length > TEXT_MAX) wrong[field] = 'TEXT_INVALID';
  }
  const days = settings.retentionDays;
  if (!Number.isInteger(days) || days < 30 || days > 3650) wrong.retentionDays = 'RETENTION_INVALID';
  const storeIds = [...new Set(settings.hours.flatMap((h) => (h.storeId === null ? [] : [h.storeId])))];
  const known =
    storeIds.length === 0
      ? new Set<number>()
      : new Set(
          (await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, storeIds))).map(
            (s) => s.id,
          ),
        );
  settings.hours.forEach((h, i) => {
    if (h.storeId !== null && !known.has(h.storeId)) wrong[`hours.${i}.storeId`] = 'STORE_NOT_FOUND';
    if (!Number.isInteger(h.weekday) || h.weekday < 0 || h.weekday > 6)
      wrong[`hours.${i}.weekday`] = 'WEEKDAY_INVALID';
    if (!HHMM.test(h.opens)) wrong[`hours.${i}.opens`] = 'TIME_INVALID';
    if (!HHMM.test(h.closes)) wrong[`hours.${i}.closes`] = 'TIME_INVALID';
    else if (HHMM.test(h.opens) && h.opens >= h.closes) wrong[`hours.${i}.closes`] = 'CLOSES_BEFORE_OPENS';
    const overlaps = settings.hours.some(
      (o, j) =>
        j < i &&
        o.storeId === h.storeId &&
        o.weekday === h.weekday &&
        o.opens < h.closes &&
        h.opens < o.closes,
    );
    if (overlaps) wrong[`hours.${i}`] = 'HOURS_OVERLAP';
  });
  if (Object.keys(wrong).length > 0) throw new InvalidFields(wrong);
  const texts = Object.fromEntries(TEXTS.map((field) => [field, settings[field].trim()]));
  return { ...settings, ...texts };
}

/** An admin replaces the chat's settings and every business hour at once. */
export async function updateChatSettings(
  engine: Engine,
  settings: ChatSettings,
  actor: Actor,
  now: Date,
): Promise<ChatSettings> {
  ensureCan(actor, 'chat_settings.edit');
  return engine.write(async (tx) => {
    const before = await settingsIn(tx);
    const { hours, ...texts } = await checkSettings(tx, settings);
    await tx
      .update(chatSettings)
      .set({ ...texts, updatedAt: now })
      .where(eq(chatSettings.id, 1));
    await tx.delete(businessHours);
    if (hours.length > 0) await tx.insert(businessHours).values(hours);
    const after = await settingsIn(tx);
    await auditAs(tx, actor, now, {
      action: 'chat_settings.update',
      subjectType: 'chat_settings',
      subjectId: 1,
      before,
      after,
    });
    return after;
  });
}
