/**
 * A staff member gives or takes a member's points by hand, with a reason: a goodwill gesture, a purchase the
 * counter missed, a mistake put right. One `adjust` entry in the ledger, in the transaction that moves the lots
 * (a gift is a new lot that expires as the points policy says; a take spends the lots soonest to expire first,
 * as a redemption does) and writes the audit row. The page's requestId makes a retry answer the first result.
 *
 * Who may: store managers for the members whose home store is one of theirs, admins for every member. A member
 * with no home store (joined in LINE without naming one) is the admins' (permissions.ts: a resource of no store is
 * for those who work in every store), as with tags: points are money, and no store answers for that member.
 *
 * The member is not sent a LINE notice: no notice kind tells of an adjustment (db/schema/notice-data.ts), and the
 * entry shows in their points history as an adjustment with the balance it left.
 */
import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { ensureCan } from './permissions.ts';
import { addLot, expireDueLots, spendLots } from './point-lots.ts';
import { balanceOf, entryByKey, type LedgerEntry } from './points-ledger.ts';
import { currentPolicy, expiryUnder } from './points-policy.ts';

export interface PointsAdjustment {
  memberId: number;
  /** Signed and whole: positive gives, negative takes; never 0. */
  points: number;
  /** Why, in the staff member's words (1 to 200 characters), kept as the ledger entry's note and in the audit. */
  reason: string;
  /** The page's key for this adjustment: the same key answers the first result and changes nothing. */
  requestId: string;
  at: Date;
}

export interface AdjustmentOutcome {
  entry: LedgerEntry;
  balance: number;
  replayed: boolean;
}

/** The most points one adjustment moves: a slip of the finger should not make a millionaire. */
export const MAX_ADJUSTMENT = 1_000_000;

/** An adjustment's ledger key: a requestId is a UUID, unique across members. */
export const adjustmentKeyOf = (requestId: string) => `adjust:${requestId}`;

function checked(request: PointsAdjustment): { points: number; reason: string } {
  const fields: Record<string, string> = {};
  const { points } = request;
  if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_ADJUSTMENT)
    fields.points = 'POINTS_INVALID';
  const reason = request.reason.trim();
  if (reason.length === 0 || [...reason].length > 200) fields.reason = 'REASON_INVALID';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(request.requestId))
    fields.requestId = 'REQUEST_ID_INVALID';
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  return { points, reason };
}

/** The member's home store, holding their row to the commit: their balance and lots move one change at a time. */
async function lockedMember(tx: Tx, memberId: number): Promise<{ homeStoreId: number | null }> {
  await lockRows(tx, members, eq(members.id, memberId));
  const [member] = await tx
    .select({ homeStoreId: members.homeStoreId, status: members.status })
    .from(members)
    .where(eq(members.id, memberId));
  if (member?.status !== 'active') throw new DomainError('MEMBER_NOT_FOUND', '找不到這位會員');
  return member;
}

/**
 * Gives (points > 0) or takes (points < 0) the member's points, with the reason. A take that would leave the
 * balance below zero is refused (POINTS_INSUFFICIENT) after the points that have come to their expiry expire, so
 * it never takes points the member no longer has. Replays answer the first adjustment; a requestId used for
 * another member or another number of points is IDEMPOTENCY_CONFLICT.
 */
export async function adjustPoints(
  engine: Engine,
  request: PointsAdjustment,
  actor: Actor,
): Promise<AdjustmentOutcome> {
  ensureCan(actor, 'points.adjust');
  const { points, reason } = checked(request);
  const key = adjustmentKeyOf(request.requestId);
  return engine.write(async (tx) => {
    const member = await lockedMember(tx, request.memberId);
    // A replay keeps every rule of the first request: the member's store first, then the same contents.
    ensureCan(actor, 'points.adjust', { storeId: member.homeStoreId });
    const first = await entryByKey(tx, key);
    if (first) {
      if (first.memberId !== request.memberId || first.points !== points)
        throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一次點數調整');
      return { entry: first, balance: await balanceOf(tx, request.memberId), replayed: true };
    }
    const facts = {
      memberId: request.memberId,
      storeId: actor.storeId,
      channel: 'other' as const,
      staffId: actor.staffId,
      idempotencyKey: key,
      note: reason,
      at: request.at,
    };
    let entry: LedgerEntry;
    if (points > 0) {
      entry = await addLot(tx, 'adjust', points, expiryUnder(await currentPolicy(tx), request.at), facts);
    } else {
      await expireDueLots(tx, request.memberId, request.at);
      const balance = await balanceOf(tx, request.memberId);
      if (balance + points < 0)
        throw new DomainError('POINTS_INSUFFICIENT', `會員只有 ${balance} 點，無法扣除 ${-points} 點`, {
          balance,
        });
      entry = await spendLots(tx, 'adjust', -points, facts);
    }
    await auditAs(tx, actor, request.at, {
      action: 'points.adjust',
      subjectType: 'member',
      subjectId: request.memberId,
      after: { points, reason, balance: entry.balanceAfter },
    });
    return { entry, balance: entry.balanceAfter, replayed: false };
  });
}
