import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { members } from '../../db/schema.ts';
import type { Member } from './members.ts';

/**
 * The member card's code: the card ID and a one-time number derived from the member's card secret and the time,
 * like TOTP (RFC 6238 over RFC 4226, with HMAC-SHA256). The phone computes it itself, so the card keeps working
 * without network; a screenshot stops working within a minute. The code never holds the LINE user ID or the
 * member number. See docs/decisions/0006-member-card-codes.md.
 */
export const CARD_PERIOD_SECONDS = 30;
export const CARD_DIGITS = 8;
const CARD_ID_LENGTH = 10;

export const cardPeriod = (at: Date) => Math.floor(at.getTime() / 1000 / CARD_PERIOD_SECONDS);

/** RFC 4226 HOTP with HMAC-SHA256: the same function the LIFF app runs with WebCrypto. */
export function hotp(secret: Buffer, counter: number, digits = CARD_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha256', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

export function cardCode(member: Pick<Member, 'cardId' | 'cardSecret'>, at: Date): string {
  return member.cardId + hotp(Buffer.from(member.cardSecret, 'base64url'), cardPeriod(at));
}

/**
 * The member whose card shows this code now. A code is accepted in its own period and the one after (so a code
 * scanned as it rotates still counts): at most 60 seconds. Anything else, or a deleted membership, is refused.
 */
export async function memberByCardCode(tx: Tx, code: string, now: Date): Promise<Member | null> {
  const normalised = code.trim().toUpperCase();
  if (!new RegExp(`^[0-9A-Z]{${CARD_ID_LENGTH}}\\d{${CARD_DIGITS}}$`).test(normalised)) return null;
  const cardId = normalised.slice(0, CARD_ID_LENGTH);
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.cardId, cardId), eq(members.status, 'active')))
    .limit(1);
  if (!member) return null;
  const secret = Buffer.from(member.cardSecret, 'base64url');
  const shown = Buffer.from(normalised.slice(CARD_ID_LENGTH));
  const period = cardPeriod(now);
  const matches = [period, period - 1].some((p) => timingSafeEqual(Buffer.from(hotp(secret, p)), shown));
  return matches ? member : null;
}
