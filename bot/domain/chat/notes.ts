// Staff notes on a member: written beside the chat (and on the member's page), read by whoever serves the member
// next. Audited as member_note.add; erased with the member's personal data (personal-data.ts).
import { desc, eq, type SQL } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import { memberNotes, members, staff } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError, InvalidFields } from '../errors.ts';
import { memberInSight } from './member-sight.ts';

export interface NoteView {
  id: number;
  text: string;
  staff: { id: number; displayName: string } | null;
  createdAt: string;
}

/** A note's longest text, in characters. */
export const NOTE_MAX = 1_000;
const NOTES_SHOWN = 50;

function notesWhere(tx: Tx, which: SQL | undefined) {
  return tx
    .select({ note: memberNotes, staffId: staff.id, displayName: staff.displayName })
    .from(memberNotes)
    .leftJoin(staff, eq(staff.id, memberNotes.staffId))
    .where(which)
    .orderBy(desc(memberNotes.id))
    .limit(NOTES_SHOWN);
}

const viewOf = ({ note, staffId, displayName }: Awaited<ReturnType<typeof notesWhere>>[number]) => ({
  id: note.id,
  text: note.text,
  staff: staffId === null ? null : { id: staffId, displayName: displayName! },
  createdAt: note.createdAt.toISOString(),
});

/** The member's notes, newest first (the latest 50). */
export async function notesOf(tx: Tx, memberId: number): Promise<NoteView[]> {
  return (await notesWhere(tx, eq(memberNotes.memberId, memberId))).map(viewOf);
}

/** A request id as the console makes it (crypto.randomUUID). */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes a note on a member the staff member may see (member-sight.ts), trimmed, 1 to 1,000 characters. The
 * console's `requestId` makes a double submit one note: the same id again answers the first note and writes
 * nothing (no second audit row); the same id with another member or another text is IDEMPOTENCY_CONFLICT.
 */
export async function addMemberNote(
  engine: Engine,
  memberId: number,
  input: { text: string; requestId: string },
  actor: Actor,
  now: Date,
): Promise<NoteView> {
  const text = input.text.trim();
  const fields: Record<string, string> = {};
  if (text.length === 0 || [...text].length > NOTE_MAX) fields.text = 'NOTE_INVALID';
  if (!REQUEST_ID.test(input.requestId)) fields.requestId = 'REQUEST_ID_INVALID';
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  return engine.write(async (tx) => {
    // The member's row held to the commit: two submits of one note write one after the other.
    await lockRows(tx, members, eq(members.id, memberId));
    await memberInSight(tx, actor, 'member_note.edit', memberId);
    const [earlier] = await tx.select().from(memberNotes).where(eq(memberNotes.requestId, input.requestId));
    if (earlier) {
      if (earlier.memberId !== memberId || earlier.text !== text)
        throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一則備註');
      return noteView(tx, earlier.id);
    }
    const [note] = await tx
      .insert(memberNotes)
      .values({ memberId, staffId: actor.staffId, text, requestId: input.requestId, createdAt: now })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'member_note.add',
      subjectType: 'member',
      subjectId: memberId,
      after: { noteId: note!.id, text },
    });
    return noteView(tx, note!.id);
  });
}

async function noteView(tx: Tx, noteId: number): Promise<NoteView> {
  const [row] = await notesWhere(tx, eq(memberNotes.id, noteId));
  return viewOf(row!);
}
