// What else holds a member's personal data or ties their membership to their LINE account, besides the member
// row, the chat and the notes (personal-data.ts): erased with them in the same transaction, so that after a PDPA
// erasure only the member number and the accounting (ledger, lots, purchases, coupons) remain, tied to no one.
import { and, eq, ne, or } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import {
  campaignRecipients,
  claimCodes,
  lineFriends,
  memberFacts,
  memberImportRows,
  memberTags,
  webhookEvents,
} from '../../db/schema.ts';
import type { Member } from './members.ts';

export async function eraseTraces(tx: Tx, member: Member): Promise<void> {
  // Staff's and the rules' labels on them, and the one-time claim codes (who used them, with which account).
  await tx.delete(memberTags).where(eq(memberTags.memberId, member.id));
  await tx.delete(claimCodes).where(eq(claimCodes.memberId, member.id));
  // The segments' facts, as the nightly rebuild will write them for an erased member.
  await tx
    .update(memberFacts)
    .set({
      active: false,
      homeStoreId: null,
      birthday: null,
      birthMonth: null,
      gender: null,
      marketingOptIn: false,
    })
    .where(eq(memberFacts.memberId, member.id));
  // The rows of imported files that named them: theirs (reported as a member's already), or their phone's.
  const theirs = member.phone
    ? or(eq(memberImportRows.memberId, member.id), eq(memberImportRows.phone, member.phone))
    : eq(memberImportRows.memberId, member.id);
  await tx.update(memberImportRows).set({ phone: '', name: '', birthday: null }).where(theirs);
  if (!member.lineUserId) return;
  // Which LINE account each campaign went to; the account's profile; what LINE's events from it said (those
  // still to be handled keep theirs until they are).
  await tx
    .update(campaignRecipients)
    .set({ lineUserId: null })
    .where(eq(campaignRecipients.memberId, member.id));
  await tx
    .update(lineFriends)
    .set({ displayName: null, pictureUrl: null })
    .where(eq(lineFriends.lineUserId, member.lineUserId));
  await tx
    .update(webhookEvents)
    .set({ payload: { erased: 'deleted' } })
    .where(and(eq(webhookEvents.lineUserId, member.lineUserId), ne(webhookEvents.status, 'pending')));
}
