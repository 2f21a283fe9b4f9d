// The brand's rules for marketing pushes (marketing_settings, one row): read by the composer, the cost estimate
// and the sender; changed by an admin only (ADR 0030).
import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { marketingSettings } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { checkPlans, type Plan, planTable } from './plans.ts';

export interface MarketingSettings {
  weeklyLimit: number;
  quietStart: string;
  quietEnd: string;
  holdoutPercent: number;
  monthlyBudget: number | null;
  planCode: string;
  /** The admin's plan table, or null for LINE Taiwan's published one. */
  plans: Plan[] | null;
  requestsPerSecond: number;
  updatedAt: Date | null;
}

export type SettingsChanges = Partial<Omit<MarketingSettings, 'updatedAt'>>;

/** What the brand has before an admin changes anything: the column defaults of db/schema/campaigns.ts. */
const DEFAULTS: MarketingSettings = {
  weeklyLimit: 2,
  quietStart: '22:00',
  quietEnd: '09:00',
  holdoutPercent: 5,
  monthlyBudget: null,
  planCode: 'light',
  plans: null,
  requestsPerSecond: 200,
  updatedAt: null,
};

/** The row of marketing settings, or the defaults when no admin has saved any. */
export async function marketingSettingsIn(tx: Tx): Promise<MarketingSettings> {
  const [row] = await tx.select().from(marketingSettings).where(eq(marketingSettings.id, 1));
  if (!row) return DEFAULTS;
  const { id: _, ...settings } = row;
  return { ...settings, plans: (settings.plans as Plan[] | null) ?? null };
}

export const readMarketingSettings = (engine: Engine) => engine.read(marketingSettingsIn);

/** The plan the account is on, from the table in force (LINE's light plan if the code is not in it). */
export function planOf(settings: MarketingSettings): Plan {
  const table = planTable(settings.plans);
  return table.find((plan) => plan.code === settings.planCode) ?? table[0]!;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const whole = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Each changed field checked by name; the plan code must be in the table that will be in force. */
function checkChanges(changes: SettingsChanges, current: MarketingSettings): SettingsChanges {
  const fields: Record<string, string> = {};
  const c = changes;
  if (c.weeklyLimit !== undefined && !whole(c.weeklyLimit, 1, 50)) fields.weeklyLimit = 'LIMIT_INVALID';
  if (c.quietStart !== undefined && !HHMM.test(c.quietStart)) fields.quietStart = 'TIME_INVALID';
  if (c.quietEnd !== undefined && !HHMM.test(c.quietEnd)) fields.quietEnd = 'TIME_INVALID';
  if (c.holdoutPercent !== undefined && !whole(c.holdoutPercent, 0, 50))
    fields.holdoutPercent = 'HOLDOUT_INVALID';
  if (c.monthlyBudget !== undefined && c.monthlyBudget !== null && !whole(c.monthlyBudget, 0, 100_000_000))
    fields.monthlyBudget = 'MONEY_INVALID';
  if (c.requestsPerSecond !== undefined && !whole(c.requestsPerSecond, 1, 2_000))
    fields.requestsPerSecond = 'RATE_INVALID';
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  const plans = c.plans === undefined ? current.plans : c.plans === null ? null : checkPlans(c.plans);
  const code = c.planCode ?? current.planCode;
  if (!planTable(plans).some((plan) => plan.code === code))
    throw new InvalidFields({ planCode: 'PLAN_UNKNOWN' });
  return { ...c, ...(c.plans !== undefined && { plans }) };
}

/** An admin changes the marketing rules (what is left out stays). Audited with before and after. */
export async function updateMarketingSettings(
  engine: Engine,
  changes: SettingsChanges,
  actor: Actor,
  now: Date,
): Promise<MarketingSettings> {
  ensureCan(actor, 'marketing_settings.edit');
  return engine.write(async (tx) => {
    const before = await marketingSettingsIn(tx);
    const checked = checkChanges(changes, before);
    const { updatedAt: _, ...values } = { ...before, ...checked };
    if (before.updatedAt === null)
      await tx.insert(marketingSettings).values({ id: 1, ...values, updatedAt: now });
    else
      await tx
        .update(marketingSettings)
        .set({ ...checked, updatedAt: now })
        .where(eq(marketingSettings.id, 1));
    const after = await marketingSettingsIn(tx);
    await auditAs(tx, actor, now, {
      action: 'marketing_settings.update',
      subjectType: 'marketing_settings',
      subjectId: 1,
      before: { ...before, updatedAt: undefined },
      after: { ...after, updatedAt: undefined },
    });
    return after;
  });
}
