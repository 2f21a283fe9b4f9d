// Ready answers staff pick in the composer: those who answer the chat list them, marketers (and admins) write
// them, as they write the keyword replies. Audited.
import { asc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { cannedReplies } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { LINE_TEXT_MAX } from './chat-rules-admin.ts';
import { ensureCanEither } from './member-sight.ts';

export type CannedReply = typeof cannedReplies.$inferSelect;
export interface CannedReplyFields {
  title: string;
  text: string;
}

const TITLE_MAX = 50;
const chars = (text: string) => [...text].length;

function checkReply(fields: Partial<CannedReplyFields>): Partial<CannedReplyFields> {
  const wrong: Record<string, string> = {};
  const title = fields.title?.trim();
  if (title !== undefined && (!title || chars(title) > TITLE_MAX)) wrong.title = 'TITLE_INVALID';
  if (fields.text !== undefined && (!fields.text.trim() || chars(fields.text) > LINE_TEXT_MAX))
    wrong.text = 'TEXT_INVALID';
  if (Object.keys(wrong).length > 0) throw new InvalidFields(wrong);
  return { ...fields, ...(title !== undefined && { title }) };
}

const described = ({ title, text }: CannedReply) => ({ title, text });

/** The canned replies by title. */
export async function listCannedReplies(engine: Engine, actor: Actor): Promise<CannedReply[]> {
  ensureCanEither(actor, 'chat.reply', 'chat_rules.edit');
  return engine.read((tx) =>
    tx.select().from(cannedReplies).orderBy(asc(cannedReplies.title), asc(cannedReplies.id)),
  );
}

async function replyById(tx: Tx, id: number): Promise<CannedReply> {
  const [reply] = await tx.select().from(cannedReplies).where(eq(cannedReplies.id, id));
  if (!reply) throw new DomainError('CANNED_REPLY_NOT_FOUND', '找不到這則常用回覆');
  return reply;
}

export async function createCannedReply(engine: Engine, input: CannedReplyFields, actor: Actor, now: Date) {
  ensureCan(actor, 'chat_rules.edit');
  const fields = checkReply(input) as CannedReplyFields;
  return engine.write(async (tx) => {
    const [reply] = await tx
      .insert(cannedReplies)
      .values({ ...fields, createdBy: actor.staffId, updatedAt: now })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'canned_reply.create',
      subjectType: 'canned_reply',
      subjectId: reply!.id,
      after: described(reply!),
    });
    return reply!;
  });
}

export async function updateCannedReply(
  engine: Engine,
  id: number,
  changes: Partial<CannedReplyFields>,
  actor: Actor,
  now: Date,
) {
  ensureCan(actor, 'chat_rules.edit');
  const fields = checkReply(changes);
  return engine.write(async (tx) => {
    const before = await replyById(tx, id);
    const [reply] = await tx
      .update(cannedReplies)
      .set({ ...fields, updatedAt: now })
      .where(eq(cannedReplies.id, id))
      .returning();
    await auditAs(tx, actor, now, {
      action: 'canned_reply.update',
      subjectType: 'canned_reply',
      subjectId: id,
      before: described(before),
      after: described(reply!),
    });
    return reply!;
  });
}

export async function deleteCannedReply(engine: Engine, id: number, actor: Actor, now: Date): Promise<void> {
  ensureCan(actor, 'chat_rules.edit');
  await engine.write(async (tx) => {
    const before = await replyById(tx, id);
    await tx.delete(cannedReplies).where(eq(cannedReplies.id, id));
    await auditAs(tx, actor, now, {
      action: 'canned_reply.delete',
      subjectType: 'canned_reply',
      subjectId: id,
      before: described(before),
    });
  });
}
