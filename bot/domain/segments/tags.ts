// Tags on members: manual ones staff put on and take off (audited), and rule ones the daily job keeps equal to
// their rules' members (ADR 0028).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { members, memberTags, tags } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { membersOf } from './count.ts';
import { checkRules, conditionsOf, invalidRules, type Rule } from './rules.ts';

export type Tag = typeof tags.$inferSelect;
const BATCH = 1_000;

/** The tags a tree names must exist; a rule tag's tree may name manual tags only (so no order among rule tags). */
export async function checkTagsNamed(tx: Tx, rule: Rule, forRuleTag: boolean) {
  const named = conditionsOf(rule).flatMap((c) => (c.field === 'tag' ? c.tagIds : []));
  if (named.length === 0) return;
  const found = await tx.select().from(tags).where(inArray(tags.id, named));
  const kinds = new Map(found.map((t) => [t.id, t.kind]));
  const missing = named.find((id) => !kinds.has(id));
  if (missing !== undefined) throw invalidRules({ 'rules.tagIds': 'TAG_NOT_FOUND' });
  if (forRuleTag && named.some((id) => kinds.get(id) === 'rule'))
    throw invalidRules({ 'rules.tagIds': 'RULE_TAG_NOT_ALLOWED' });
}

export async function listTags(engine: Engine, actor: Actor): Promise<Tag[]> {
  ensureCan(actor, 'segment.read');
  return engine.read((tx) => tx.select().from(tags).orderBy(asc(tags.id)));
}

/** A new tag: manual (no rules), or by rule (the rules' members wear it after the next refreshRuleTags). */
export async function createTag(
  engine: Engine,
  input: { name: string; rules?: unknown },
  actor: Actor,
  now: Date,
): Promise<Tag> {
  ensureCan(actor, 'segment.edit');
  const name = input.name.trim();
  if (name.length === 0 || [...name].length > 30) throw new InvalidFields({ name: 'NAME_INVALID' });
  const rules = input.rules === undefined ? null : checkRules(input.rules);
  return engine.write(async (tx) => {
    if (rules) await checkTagsNamed(tx, rules, true);
    const [same] = await tx.select({ id: tags.id }).from(tags).where(eq(tags.name, name));
    if (same) throw new InvalidFields({ name: 'NAME_TAKEN' });
    const [tag] = await tx
      .insert(tags)
      .values({ name, kind: rules ? 'rule' : 'manual', rules, createdAt: now, updatedAt: now })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'tag.create',
      subjectType: 'tag',
      subjectId: tag!.id,
      after: { name, rules },
    });
    return tag!;
  });
}

/** The member and the manual tag, or the refusal; staff of some stores tag only their stores' members. */
async function manualTagFor(tx: Tx, memberId: number, tagId: number, actor: Actor) {
  const [member] = await tx
    .select({ homeStoreId: members.homeStoreId })
    .from(members)
    .where(eq(members.id, memberId));
  if (!member) throw new DomainError('MEMBER_NOT_FOUND', '找不到這位會員');
  ensureCan(actor, 'member_tag.edit', { storeId: member.homeStoreId });
  const [tag] = await tx.select().from(tags).where(eq(tags.id, tagId));
  if (!tag) throw new InvalidFields({ tagId: 'TAG_NOT_FOUND' });
  if (tag.kind !== 'manual') throw new InvalidFields({ tagId: 'TAG_BY_RULE' });
}

/** Puts a manual tag on a member (again: nothing changes, nothing audited). Answers whether it was new. */
export async function tagMember(engine: Engine, memberId: number, tagId: number, actor: Actor, now: Date) {
  ensureCan(actor, 'member_tag.edit');
  return engine.write(async (tx) => {
    await manualTagFor(tx, memberId, tagId, actor);
    const added = await tx
      .insert(memberTags)
      .values({ memberId, tagId, staffId: actor.staffId, taggedAt: now })
      .onConflictDoNothing()
      .returning({ tagId: memberTags.tagId });
    if (added.length > 0)
      await auditAs(tx, actor, now, {
        action: 'member_tag.add',
        subjectType: 'member',
        subjectId: memberId,
        after: { tagId },
      });
    return added.length > 0;
  });
}

/** Takes a manual tag off a member (not there: nothing changes). Answers whether it was there. */
export async function untagMember(engine: Engine, memberId: number, tagId: number, actor: Actor, now: Date) {
  ensureCan(actor, 'member_tag.edit');
  return engine.write(async (tx) => {
    await manualTagFor(tx, memberId, tagId, actor);
    const removed = await tx
      .delete(memberTags)
      .where(and(eq(memberTags.memberId, memberId), eq(memberTags.tagId, tagId)))
      .returning({ tagId: memberTags.tagId });
    if (removed.length > 0)
      await auditAs(tx, actor, now, {
        action: 'member_tag.remove',
        subjectType: 'member',
        subjectId: memberId,
        before: { tagId },
      });
    return removed.length > 0;
  });
}

/** The tags a member wears. */
export async function tagsOf(engine: Engine, memberId: number): Promise<Tag[]> {
  return engine.read((tx) =>
    tx
      .select({ tag: tags })
      .from(memberTags)
      .innerJoin(tags, eq(tags.id, memberTags.tagId))
      .where(eq(memberTags.memberId, memberId))
      .orderBy(asc(tags.id))
      .then((rows) => rows.map((r) => r.tag)),
  );
}

/**
 * Makes each rule tag's wearers equal to its rules' members (on the facts as last refreshed: run
 * refreshSegmentFacts first), adding and removing 1,000 at a time. Idempotent: a second run changes nothing.
 */
export async function refreshRuleTags(engine: Engine, now: Date) {
  const ruleTags = await engine.read((tx) => tx.select().from(tags).where(eq(tags.kind, 'rule')));
  const changed: Record<string, { added: number; removed: number }> = {};
  for (const tag of ruleTags) {
    const rule = checkRules(tag.rules);
    const wanted = new Set<number>();
    for await (const page of membersOf(engine, rule, now, { reachable: false, pageSize: 20_000 }))
      for (const id of page) wanted.add(id);
    const worn = await engine.read((tx) =>
      tx.select({ id: memberTags.memberId }).from(memberTags).where(eq(memberTags.tagId, tag.id)),
    );
    const wornIds = new Set(worn.map((r) => r.id));
    const add = [...wanted].filter((id) => !wornIds.has(id));
    const remove = [...wornIds].filter((id) => !wanted.has(id));
    for (let i = 0; i < add.length; i += BATCH) {
      const rows = add
        .slice(i, i + BATCH)
        .map((memberId) => ({ memberId, tagId: tag.id, staffId: null, taggedAt: now }));
      await engine.write((tx) => tx.insert(memberTags).values(rows).onConflictDoNothing());
    }
    for (let i = 0; i < remove.length; i += BATCH) {
      const ids = remove.slice(i, i + BATCH);
      await engine.write((tx) =>
        tx.delete(memberTags).where(and(eq(memberTags.tagId, tag.id), inArray(memberTags.memberId, ids))),
      );
    }
    await engine.write((tx) => tx.update(tags).set({ refreshedAt: now }).where(eq(tags.id, tag.id)));
    changed[tag.name] = { added: add.length, removed: remove.length };
  }
  return changed;
}
