// The console's member list filtered by a segment's rules (ADR 0028's compiler, as the live count reads them):
// every member the rules match, reachable by a push or not, within the staff member's scope, a page of ids at a
// time in id order, then their rows.
import type { Engine } from '../../../db/engine.ts';
import type { Actor } from '../actor.ts';
import { membersOf } from '../segments/count.ts';
import type { Rule } from '../segments/rules.ts';
import { type MemberRow, memberRows } from './rows.ts';
import { inScope } from './scope.ts';

export interface RulePage {
  members: MemberRow[];
  /** The last id of this page, to ask for the next one; null when this is the last. */
  nextAfter: number | null;
}

/** A page of the members `rule` (checked by checkRules) matches that `actor` may read, past the id `after`. */
export async function membersByRules(
  engine: Engine,
  actor: Actor,
  rule: Rule,
  page: { after?: number; limit?: number },
  now: Date,
): Promise<RulePage> {
  const limit = page.limit ?? 20;
  const within = inScope(actor, 'member.read');
  const pages = membersOf(engine, rule, now, {
    reachable: false,
    pageSize: limit + 1,
    after: page.after,
    within,
  });
  const { value } = await pages.next();
  await pages.return(undefined);
  const ids = (value ?? []).slice(0, limit);
  const rows = await engine.read((tx) => memberRows(tx, actor, ids));
  return { members: rows, nextAfter: (value?.length ?? 0) > limit ? ids.at(-1)! : null };
}
