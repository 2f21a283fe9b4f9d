// A member's rights under the Personal Data Protection Act, asked for at the counter or by mail and done by
// staff in the console: the same export the member downloads, and the erasure (personal-data.ts). Both audited:
// member.personal_data_export and member.erase. The erasure must be confirmed with the member's number, typed.

import { eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import { members } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { InvalidFields } from '../errors.ts';
import { eraseMembership, exportMemberData } from '../personal-data.ts';
import { memberInScope } from './scope.ts';

/** Everything held about a member `actor` may hand it to (member.personal_data), as the member would get it. */
export async function exportPersonalData(engine: Engine, actor: Actor, memberId: number, now: Date) {
  const member = await engine.write(async (tx) => {
    const found = await memberInScope(tx, actor, 'member.personal_data', memberId);
    await auditAs(tx, actor, now, {
      action: 'member.personal_data_export',
      subjectType: 'member',
      subjectId: memberId,
    });
    return found;
  });
  return exportMemberData(engine, member, now);
}

/**
 * Erases the member's personal data and unbinds their LINE account (deleteMembership's writes), with the audit
 * row in the same transaction. `confirm` must be the member's number (CONFIRM_MISMATCH otherwise, nothing
 * erased); an erased member is no member any more, so asking again answers MEMBER_NOT_FOUND.
 */
export async function eraseMember(
  engine: Engine,
  actor: Actor,
  memberId: number,
  confirm: string,
  now: Date,
): Promise<void> {
  const erased = await engine.write(async (tx) => {
    await lockRows(tx, members, eq(members.id, memberId));
    const member = await memberInScope(tx, actor, 'member.personal_data', memberId);
    if (confirm.trim().toUpperCase() !== member.memberNumber.toUpperCase())
      throw new InvalidFields({ confirm: 'CONFIRM_MISMATCH' });
    await eraseMembership(tx, member, now);
    await auditAs(tx, actor, now, {
      action: 'member.erase',
      subjectType: 'member',
      subjectId: memberId,
      before: { memberNumber: member.memberNumber },
    });
    return member;
  });
  if (erased.lineUserId) engine.signal('chat');
}
