import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { claimCodes, members } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { maskName } from './counter.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { normalisePhone } from './member-fields.ts';
import { ensureCan } from './permissions.ts';
import { tokenHashOf } from './session-tokens.ts';

/**
 * The owner's way through when the birthday is not enough (none on record, forgotten, or closed after guesses
 * from strangers): a clerk who has seen the member at the counter hands them a one-time code, which they type in
 * LINE's claim step instead of the birthday. docs/decisions/0005-claiming-memberships.md.
 */
export const CLAIM_CODE_DIGITS = 8;
export const CLAIM_CODE_VALID_MS = 30 * 60 * 1000;

/** Salted with the member, so that one table of hashes of all 10^8 codes does not read every member's code. */
const codeHash = (memberId: number, code: string) => tokenHashOf(`${memberId}:${code}`);

/** "1234 5678" or "1234-5678" as people copy it, to the eight digits; null when it is not eight digits. */
export function normaliseClaimCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const code = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CLAIM_CODE_DIGITS}}$`).test(code) ? code : null;
}

export interface IssuedClaimCode {
  code: string;
  expiresAt: Date;
  memberNumber: string;
  maskedName: string;
}

/**
 * A new claim code for the in-store member the clerk found by phone or member number, at the clerk's store,
 * by a staff member who may issue codes there, audited. A membership already bound to LINE gets none (MEMBER_HAS_LINE). The member's earlier codes stop
 * counting: only the newest one is accepted.
 */
export async function issueClaimCode(
  engine: Engine,
  by: { phone?: string | undefined; memberNumber?: string | undefined },
  actor: Actor & { storeId: number },
  now: Date,
): Promise<IssuedClaimCode> {
  ensureCan(actor, 'claim_code.issue', { storeId: actor.storeId });
  const phone = by.phone === undefined ? undefined : normalisePhone(by.phone);
  const memberNumber = by.memberNumber?.trim().toUpperCase();
  if ((phone === undefined) === (memberNumber === undefined)) {
    throw new InvalidFields({ phone: 'PHONE_OR_MEMBER_NUMBER' });
  }
  if (phone !== undefined && !/^09\d{8}$/.test(phone)) throw new InvalidFields({ phone: 'PHONE_INVALID' });
  if (memberNumber !== undefined && !/^[A-Z0-9]{1,20}$/.test(memberNumber)) {
    throw new InvalidFields({ memberNumber: 'MEMBER_NUMBER_INVALID' });
  }
  return engine.write(async (tx) => {
    const [member] = await tx
      .select()
      .from(members)
      .where(
        and(
          phone !== undefined ? eq(members.phone, phone) : eq(members.memberNumber, memberNumber!),
          eq(members.status, 'active'),
        ),
      );
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', 'No member with this phone or member number');
    if (member.lineUserId !== null) {
      throw new DomainError('MEMBER_HAS_LINE', 'This membership is already bound to a LINE account');
    }
    const code = String(randomInt(0, 10 ** CLAIM_CODE_DIGITS)).padStart(CLAIM_CODE_DIGITS, '0');
    const expiresAt = new Date(now.getTime() + CLAIM_CODE_VALID_MS);
    const [issued] = await tx
      .insert(claimCodes)
      .values({
        memberId: member.id,
        codeHash: codeHash(member.id, code),
        storeId: actor.storeId,
        staffId: actor.staffId!,
        issuedAt: now,
        expiresAt,
      })
      .returning({ id: claimCodes.id });
    await auditAs(tx, actor, now, {
      action: 'claim_code.issue',
      subjectType: 'member',
      subjectId: member.id,
      after: { claimCodeId: issued!.id, expiresAt: expiresAt.toISOString() },
    });
    return { code, expiresAt, memberNumber: member.memberNumber, maskedName: maskName(member.name) };
  });
}

/**
 * True when `code` is the member's newest claim code, unused and within its half hour: it is then used up by
 * this LINE account, in the claim's transaction.
 */
export async function takeClaimCode(
  tx: Tx,
  memberId: number,
  code: string,
  lineUserId: string,
  now: Date,
): Promise<boolean> {
  const [newest] = await tx
    .select()
    .from(claimCodes)
    .where(eq(claimCodes.memberId, memberId))
    .orderBy(desc(claimCodes.issuedAt), desc(claimCodes.id))
    .limit(1);
  if (!newest || newest.usedAt !== null || newest.expiresAt <= now) return false;
  const matches = timingSafeEqual(Buffer.from(newest.codeHash), Buffer.from(codeHash(memberId, code)));
  if (!matches) return false;
  await tx
    .update(claimCodes)
    .set({ usedAt: now, usedByLineUserId: lineUserId })
    .where(eq(claimCodes.id, newest.id));
  return true;
}
