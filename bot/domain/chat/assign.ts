import { and, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { conversations, staff, stores } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { principalOf } from '../staff-principal.ts';
import { conversationInScope, maySee, viewerOf } from './scope.ts';

export interface ConversationChange {
  status?: 'open' | 'waiting' | 'done';
  mode?: 'bot' | 'staff';
  assigneeId?: number | null;
  storeId?: number | null;
}

/**
 * Changes a conversation's status, mode, assignee or store, audited (`chat.status`, `chat.mode`, `chat.assign`).
 * The assignee must be an active staff member who may read the conversation as it will be placed; a store must
 * be an active store the actor works in (admins: any).
 */
export async function changeConversation(
  engine: Engine,
  actor: Actor,
  conversationId: number,
  change: ConversationChange,
  now: Date,
): Promise<void> {
  ensureCan(actor, 'chat.reply');
  const changed = await engine.write(async (tx) => {
    const before = await conversationInScope(tx, viewerOf(actor), conversationId);
    const after = { ...before, ...change };
    if (change.storeId !== undefined && change.storeId !== null) await ensureStore(tx, actor, change.storeId);
    if (change.assigneeId !== undefined && change.assigneeId !== null) {
      await ensureAssignee(tx, change.assigneeId, { ...after, homeStoreId: before.homeStoreId });
    }
    const parts = {
      'chat.status': pick(before, after, ['status']),
      'chat.mode': pick(before, after, ['mode']),
      'chat.assign': pick(before, after, ['assigneeId', 'storeId']),
    };
    const audited = Object.entries(parts).filter(([, part]) => part !== null);
    if (audited.length === 0) return false;
    await tx
      .update(conversations)
      .set({ ...change, updatedAt: now })
      .where(eq(conversations.id, conversationId));
    for (const [action, part] of audited) {
      await auditAs(tx, actor, now, {
        action,
        subjectType: 'conversation',
        subjectId: conversationId,
        ...part!,
      });
    }
    return true;
  });
  if (changed) engine.signal('chat');
}

type Fields = { status: string; mode: string; assigneeId: number | null; storeId: number | null };

/** The fields among `keys` that change, before and after; null when none does. */
function pick<K extends keyof Fields>(before: Fields, after: Fields, keys: K[]) {
  const moved = keys.filter((key) => before[key] !== after[key]);
  if (moved.length === 0) return null;
  return {
    before: Object.fromEntries(moved.map((key) => [key, before[key]])),
    after: Object.fromEntries(moved.map((key) => [key, after[key]])),
  };
}

async function ensureStore(tx: Tx, actor: Actor, storeId: number) {
  const [store] = await tx
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.active, true)));
  if (!store) throw new DomainError('STORE_NOT_FOUND', '找不到這家門市');
  ensureCan(actor, 'chat.reply', { storeId });
}

async function ensureAssignee(
  tx: Tx,
  staffId: number,
  placement: { storeId: number | null; homeStoreId: number | null; assigneeId: number | null },
) {
  const [row] = await tx
    .select()
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.active, true)));
  if (!row) throw new DomainError('STAFF_NOT_FOUND', '找不到這位員工');
  const principal = await principalOf(tx, row, null);
  // Assigned to them, a clerk of another store would see it too; a marketer reads no chat at all.
  if (!maySee({ staffId: row.id, may: principal }, { ...placement, assigneeId: row.id })) {
    throw new DomainError('ASSIGNEE_NOT_ALLOWED', `${row.displayName} 無法查看這段對話`);
  }
}
