// The chat's keyword auto-replies as marketers edit them (rules.ts answers with them): a shopper's text that
// equals or contains one of the keywords gets the reply, the first enabled rule by position winning. Every change
// is audited with what the rule was and became.
import { asc, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { type ChatRuleReply, chatRules } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { ensureCanEither } from './member-sight.ts';

export type ChatRule = typeof chatRules.$inferSelect;

export interface RuleFields {
  keywords: string[];
  match: 'exact' | 'contains';
  reply: ChatRuleReply;
  enabled: boolean;
  /** Lower answers first; a new rule without one goes last. */
  position?: number;
}

/** LINE's longest text message, in characters (Messaging API reference, text message). */
export const LINE_TEXT_MAX = 5_000;
const KEYWORDS_MAX = 20;
const KEYWORD_MAX = 50;

const chars = (text: string) => [...text].length;
const wholeIn = (v: unknown, min: number, max: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Each field checked by name; keywords come back trimmed, without repeats (Latin letters compared in lower case). */
function checkRule(fields: Partial<RuleFields>): Partial<RuleFields> {
  const wrong: Record<string, string> = {};
  let keywords: string[] | undefined;
  if (fields.keywords !== undefined) {
    const seen = new Set<string>();
    keywords = fields.keywords
      .map((k) => k.trim())
      .filter((k) => !seen.has(k.toLowerCase()) && seen.add(k.toLowerCase()));
    if (
      keywords.length === 0 ||
      keywords.length > KEYWORDS_MAX ||
      keywords.some((k) => !k || chars(k) > KEYWORD_MAX)
    )
      wrong.keywords = 'KEYWORDS_INVALID';
  }
  const reply = fields.reply;
  if (reply?.kind === 'text') {
    if (!reply.zh.trim() || chars(reply.zh) > LINE_TEXT_MAX) wrong['reply.zh'] = 'TEXT_INVALID';
    if (!reply.en.trim() || chars(reply.en) > LINE_TEXT_MAX) wrong['reply.en'] = 'TEXT_INVALID';
  }
  if (fields.position !== undefined && !wholeIn(fields.position, 0, 10_000))
    wrong.position = 'POSITION_INVALID';
  if (Object.keys(wrong).length > 0) throw new InvalidFields(wrong);
  return { ...fields, ...(keywords && { keywords }) };
}

const described = ({ keywords, match, reply, enabled, position }: ChatRule) => ({
  keywords,
  match,
  reply,
  enabled,
  position,
});

/** Every rule in the order they are tried: those who read the inbox see what it answers, marketers edit them. */
export async function listChatRules(engine: Engine, actor: Actor): Promise<ChatRule[]> {
  ensureCanEither(actor, 'chat.read', 'chat_rules.edit');
  return engine.read((tx) => tx.select().from(chatRules).orderBy(asc(chatRules.position), asc(chatRules.id)));
}

async function ruleById(tx: Tx, id: number): Promise<ChatRule> {
  const [rule] = await tx.select().from(chatRules).where(eq(chatRules.id, id));
  if (!rule) throw new DomainError('CHAT_RULE_NOT_FOUND', '找不到這條自動回覆');
  return rule;
}

export async function createChatRule(engine: Engine, input: RuleFields, actor: Actor, now: Date) {
  ensureCan(actor, 'chat_rules.edit');
  const fields = checkRule(input) as RuleFields;
  return engine.write(async (tx) => {
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${chatRules.position}), -1)`.mapWith(Number) })
      .from(chatRules);
    const [rule] = await tx
      .insert(chatRules)
      .values({
        ...fields,
        position: fields.position ?? last!.position + 1,
        updatedBy: actor.staffId,
        updatedAt: now,
      })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'chat_rule.create',
      subjectType: 'chat_rule',
      subjectId: rule!.id,
      after: described(rule!),
    });
    return rule!;
  });
}

/** Changes what is given and keeps the rest. */
export async function updateChatRule(
  engine: Engine,
  id: number,
  changes: Partial<RuleFields>,
  actor: Actor,
  now: Date,
) {
  ensureCan(actor, 'chat_rules.edit');
  const fields = checkRule(changes);
  return engine.write(async (tx) => {
    const before = await ruleById(tx, id);
    const [rule] = await tx
      .update(chatRules)
      .set({ ...fields, updatedBy: actor.staffId, updatedAt: now })
      .where(eq(chatRules.id, id))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'chat_rule.update',
      subjectType: 'chat_rule',
      subjectId: id,
      before: described(before),
      after: described(rule!),
    });
    return rule!;
  });
}

export async function deleteChatRule(engine: Engine, id: number, actor: Actor, now: Date): Promise<void> {
  ensureCan(actor, 'chat_rules.edit');
  await engine.write(async (tx) => {
    const before = await ruleById(tx, id);
    await tx.delete(chatRules).where(eq(chatRules.id, id));
    await auditAs(tx, actor, now, {
      action: 'chat_rule.delete',
      subjectType: 'chat_rule',
      subjectId: id,
      before: described(before),
    });
  });
}
