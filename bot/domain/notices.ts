import { createHash } from 'node:crypto';
import type { Tx } from '../../db/engine.ts';
import { placeholders, prepared } from '../../db/prepared.ts';
import type { NoticeContent } from '../../db/schema/notice-data.ts';
import { memberNotices } from '../../db/schema.ts';

export type { NoticeContent, NoticeKind } from '../../db/schema/notice-data.ts';

/** A queued notice, its data typed by its kind: only `queueNotice` writes them, with the two together. */
export type MemberNotice = Omit<typeof memberNotices.$inferSelect, 'kind' | 'data'> & NoticeContent;

/** Rows of member_notices as their kinds type them (see `MemberNotice`). */
export const asNotices = (rows: (typeof memberNotices.$inferSelect)[]) => rows as MemberNotice[];

/**
 * A retry key derived from what a push is for (`welcome:<member>:<bound at>`), shaped as the UUID v4 LINE asks
 * for. The same purpose gives the same key, so a push retried after a timeout or a restart is not sent twice
 * (within LINE's 24 hours).
 */
export function retryKeyFor(purpose: string): string {
  const hex = createHash('sha256').update(purpose).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const insertNotice = prepared('insert_member_notice', (tx) =>
  tx
    .insert(memberNotices)
    .values(placeholders('memberId', 'kind', 'data', 'retryKey', 'createdAt'))
    .onConflictDoNothing({ target: memberNotices.retryKey })
    .returning({ id: memberNotices.id }),
);

/**
 * Queues something the member is to be told in LINE, inside the transaction of the change it tells of; the
 * notice sender pushes it afterwards. `purpose` names it uniquely (`purchase:42`), so queueing it twice keeps one;
 * returns false when it was already queued.
 */
export async function queueNotice(
  tx: Tx,
  notice: NoticeContent & { memberId: number; purpose: string; at: Date },
): Promise<boolean> {
  const queued = await insertNotice(tx).execute({
    memberId: notice.memberId,
    kind: notice.kind,
    data: notice.data,
    retryKey: retryKeyFor(`notice:${notice.kind}:${notice.purpose}`),
    createdAt: notice.at,
  });
  return queued.length > 0;
}
