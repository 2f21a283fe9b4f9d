// Finding members in the console (issue 16, point 1): by phone (all of it or its last digits), part of the name,
// member number, or the code on the member's card as the counter reads it (member-card.ts), within the staff
// member's scope (scope.ts). A page at a time, newest members first.
import { and, desc, eq, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { members } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { mayDo } from '../chat/member-sight.ts';
import { memberByCardCode } from '../member-card.ts';
import { normalisePhone } from '../member-fields.ts';
import { type MemberRow, memberRows } from './rows.ts';
import { inScope } from './scope.ts';

export interface MemberPage {
  members: MemberRow[];
  /** The offset of the next page, or null when this is the last. */
  nextOffset: number | null;
}

export const SEARCH_PAGE = 20;

/** A card's code: its 10-character card ID and the 8 rotating digits (member-card.ts). */
const CARD_CODE = /^[0-9A-Z]{10}\d{8}$/;

/** `text` inside a LIKE pattern, its wildcards escaped (the pattern says `escape '\'`). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = (column: SQLWrapper, pattern: string) => sql`${column} like ${pattern} escape '\\'`;

/**
 * What `q` may be, each key it could mean, or'ed. Digits are a phone (all of it: the index; its last digits: a
 * scan) or a member number, never a name, so a number never scans the names too; anything else is a member
 * number or part of a name. On the 1M-member seed a name or a phone's end that matches nobody scans every member
 * (about 0.4 s of CPU on SQLite); a full phone or a member number is an index lookup.
 */
function matchesOf(q: string): SQL | undefined {
  if (q === '') return undefined;
  const number = eq(members.memberNumber, q.toUpperCase());
  const digits = normalisePhone(q);
  if (/^09\d{8}$/.test(digits)) return or(number, eq(members.phone, digits));
  if (/^\d{3,9}$/.test(digits)) return or(number, like(members.phone, `%${escapeLike(digits)}`));
  return or(number, like(sql`lower(${members.name})`, `%${escapeLike(q.toLowerCase())}%`));
}

/** The members `q` finds that `actor` may read (member.read), `offset` rows in; an empty `q` lists them all. */
export async function searchMembers(
  engine: Engine,
  actor: Actor,
  query: { q: string; offset?: number; limit?: number },
  now: Date,
): Promise<MemberPage> {
  const q = query.q.trim();
  const offset = query.offset ?? 0;
  const limit = query.limit ?? SEARCH_PAGE;
  const scope = inScope(actor, 'member.read');
  return engine.read(async (tx) => {
    if (CARD_CODE.test(q.toUpperCase())) {
      const member = await memberByCardCode(tx, q, now);
      const seen = member && mayDo(actor, 'member.read', member.homeStoreId);
      return { members: seen ? await memberRows(tx, actor, [member.id]) : [], nextOffset: null };
    }
    const found = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.status, 'active'), scope, matchesOf(q)))
      .orderBy(desc(members.id))
      .limit(limit + 1)
      .offset(offset);
    const ids = found.slice(0, limit).map((r) => r.id);
    return {
      members: await memberRows(tx, actor, ids),
      nextOffset: found.length > limit ? offset + limit : null,
    };
  });
}
