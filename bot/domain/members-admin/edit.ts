// Fixing a member's record in the console (issue 16, point 1): name, phone, birthday, home store, gender, email,
// as the member told staff. Every field is checked before anything is written and each refusal names its field;
// a number another membership holds is refused on the phone. Audited as member.edit with what changed, before
// and after; a change that changes nothing writes nothing.
import { and, eq, ne } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import { members } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { mayDo } from '../chat/member-sight.ts';
import { InvalidFields } from '../errors.ts';
import { birthdayProblem, contactFieldProblems, normalisePhone } from '../member-fields.ts';
import { activeStore } from '../members.ts';
import { ensureCan } from '../permissions.ts';
import { memberInScope } from './scope.ts';

export interface RecordFix {
  name?: string;
  phone?: string;
  birthday?: string;
  homeStoreId?: number;
  /** female, male or other; anything else is GENDER_INVALID. */
  gender?: string | null;
  email?: string | null;
}

const FIELDS = ['name', 'phone', 'birthday', 'homeStoreId', 'gender', 'email'] as const;

/** The fields as they are stored: trimmed, the phone without spaces and dashes, an empty email as none. */
function stored(fix: RecordFix): Partial<Record<(typeof FIELDS)[number], unknown>> {
  return {
    ...(fix.name !== undefined && { name: fix.name.trim() }),
    ...(fix.phone !== undefined && { phone: normalisePhone(fix.phone) }),
    ...(fix.birthday !== undefined && { birthday: fix.birthday }),
    ...(fix.homeStoreId !== undefined && { homeStoreId: fix.homeStoreId }),
    ...(fix.gender !== undefined && { gender: fix.gender }),
    ...(fix.email !== undefined && { email: fix.email?.trim() || null }),
  };
}

/**
 * Fixes the record of a member `actor` may edit (member.edit in the member's home store, and in the new one);
 * answers the fields that changed. MEMBER_NOT_FOUND for a member out of scope; INVALID_FIELDS field by field.
 */
export async function fixMemberRecord(
  engine: Engine,
  actor: Actor,
  memberId: number,
  fix: RecordFix,
  now: Date,
): Promise<{ changed: string[] }> {
  ensureCan(actor, 'member.edit');
  const problems: Record<string, string> = contactFieldProblems(fix);
  if (fix.birthday !== undefined) {
    const problem = birthdayProblem(fix.birthday, now);
    if (problem) problems.birthday = problem;
  }
  const wanted = stored(fix);
  return engine.write(async (tx) => {
    await lockRows(tx, members, eq(members.id, memberId));
    const current = await memberInScope(tx, actor, 'member.edit', memberId);
    if (fix.homeStoreId !== undefined && fix.homeStoreId !== current.homeStoreId) {
      if (!(await activeStore(tx, fix.homeStoreId))) problems.homeStoreId = 'STORE_INVALID';
      else if (!mayDo(actor, 'member.edit', fix.homeStoreId)) problems.homeStoreId = 'STORE_NOT_ALLOWED';
    }
    if (!problems.phone && typeof wanted.phone === 'string' && wanted.phone !== current.phone) {
      const [holder] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.phone, wanted.phone), ne(members.id, memberId)));
      if (holder) problems.phone = 'PHONE_REGISTERED';
    }
    if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
    const changed = FIELDS.filter((field) => field in wanted && wanted[field] !== current[field]);
    if (changed.length === 0) return { changed };
    const before = Object.fromEntries(changed.map((field) => [field, current[field]]));
    const after = Object.fromEntries(changed.map((field) => [field, wanted[field]]));
    await tx
      .update(members)
      .set({ ...after, updatedAt: now })
      .where(eq(members.id, memberId));
    await auditAs(tx, actor, now, {
      action: 'member.edit',
      subjectType: 'member',
      subjectId: memberId,
      before,
      after,
    });
    return { changed };
  });
}
