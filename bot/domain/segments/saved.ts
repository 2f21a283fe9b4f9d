// Saved segments: a name and checked rules, kept for the composer and the sender (ADR 0028).
import { asc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { segments } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { checkRules, type Rule } from './rules.ts';
import { checkTagsNamed } from './tags.ts';

export type Segment = Omit<typeof segments.$inferSelect, 'rules'> & { rules: Rule };

const named = (name: unknown) => {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || [...trimmed].length > 60) throw new InvalidFields({ name: 'NAME_INVALID' });
  return trimmed;
};

async function segmentOf(tx: Tx, id: number): Promise<Segment | null> {
  const [segment] = await tx.select().from(segments).where(eq(segments.id, id));
  return (segment as Segment | undefined) ?? null;
}

export async function listSegments(engine: Engine, actor: Actor): Promise<Segment[]> {
  ensureCan(actor, 'segment.read');
  return engine.read((tx) => tx.select().from(segments).orderBy(asc(segments.id))) as Promise<Segment[]>;
}

/** Saves a segment; the rules pass checkRules and name tags that exist. Audited. */
export async function createSegment(
  engine: Engine,
  input: { name: string; rules: unknown },
  actor: Actor,
  now: Date,
): Promise<Segment> {
  ensureCan(actor, 'segment.edit');
  const name = named(input.name);
  const rules = checkRules(input.rules);
  return engine.write(async (tx) => {
    await checkTagsNamed(tx, rules, false);
    const [segment] = await tx
      .insert(segments)
      .values({ name, rules, createdBy: actor.staffId, createdAt: now, updatedAt: now })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'segment.create',
      subjectType: 'segment',
      subjectId: segment!.id,
      after: { name, rules },
    });
    return segment as Segment;
  });
}

/**
 * Changes a segment's name or rules (what is left out stays). Audited with before and after. Null when there is
 * no such segment (the route answers 404 SEGMENT_NOT_FOUND: bot/domain/errors.ts is not this module's).
 */
export async function updateSegment(
  engine: Engine,
  id: number,
  changes: { name?: string; rules?: unknown },
  actor: Actor,
  now: Date,
): Promise<Segment | null> {
  ensureCan(actor, 'segment.edit');
  const name = changes.name === undefined ? undefined : named(changes.name);
  const rules = changes.rules === undefined ? undefined : checkRules(changes.rules);
  return engine.write(async (tx) => {
    const before = await segmentOf(tx, id);
    if (!before) return null;
    if (rules) await checkTagsNamed(tx, rules, false);
    const [segment] = await tx
      .update(segments)
      .set({ ...(name !== undefined && { name }), ...(rules !== undefined && { rules }), updatedAt: now })
      .where(eq(segments.id, id))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'segment.update',
      subjectType: 'segment',
      subjectId: id,
      before: { name: before.name, rules: before.rules },
      after: { name: segment!.name, rules: segment!.rules },
    });
    return segment as Segment;
  });
}

/** Deletes a saved segment, audited with what it was; false when there is no such segment. */
export async function deleteSegment(engine: Engine, id: number, actor: Actor, now: Date): Promise<boolean> {
  ensureCan(actor, 'segment.edit');
  return engine.write(async (tx) => {
    const before = await segmentOf(tx, id);
    if (!before) return false;
    await tx.delete(segments).where(eq(segments.id, id));
    await auditAs(tx, actor, now, {
      action: 'segment.delete',
      subjectType: 'segment',
      subjectId: id,
      before: { name: before.name, rules: before.rules },
    });
    return true;
  });
}
