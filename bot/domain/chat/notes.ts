// Staff notes on a member: written beside the chat (and on the member's page), read by whoever serves the member
// next. Audited as member_note.add; erased with the member's personal data (personal-data.ts).
import { desc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { memberNotes, staff } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { InvalidFields } from '../errors.ts';
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

/** The member's notes, newest first (the latest 50). */
export async function notesOf(tx: Tx, memberId: number): Promise<NoteView[]> {
  const rows = await tx
    .select({ note: memberNotes, staffId: staff.id, displayName: staff.displayName })
    .from(memberNotes)
    .leftJoin(staff, eq(staff.id, memberNotes.staffId))
    .where(eq(memberNotes.memberId, memberId))
    .orderBy(desc(memberNotes.id))
    .limit(NOTES_SHOWN);
  return rows.map(({ note, staffId, displayName }) => ({
    id: note.id,
    text: note.text,
    staff: staffId === null ? null : { id: staffId, displayName: displayName! },
    createdAt: note.createdAt.toISOString(),
  }));
}

/** Writes a note on a member the staff member may see (member-sight.ts), trimmed, 1 to 1,000 characters. */
export async function addMemberNote(
  engine: Engine,
  memberId: number,
  input: { text: string },
  actor: Actor,
  now: Date,
): Promise<NoteView> {
  const text = input.text.trim();
  if (text.length === 0 || [...text].length > NOTE_MAX) throw new InvalidFields({ text: 'NOTE_INVALID' });
  return engine.write(async (tx) => {
    await memberInSight(tx, actor, 'member_note.edit', memberId);
    const [note] = await tx
      .insert(memberNotes)
      .values({ memberId, staffId: actor.staffId, text, createdAt: now })
      .returning();
    await auditAs(tx, actor, now, {
      action: 'member_note.add',
      subjectType: 'member',
      subjectId: memberId,
      after: { noteId: note!.id, text },
    });
    const [view] = (await notesOf(tx, memberId)).filter((n) => n.id === note!.id);
    return view!;
  });
}
