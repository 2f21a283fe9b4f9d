import { sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { rateWindows } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { ensureCan } from '../permissions.ts';
import { conversationInScope, viewerOf } from './scope.ts';

/** At most one loading animation per conversation in this many seconds, across every instance. */
export const TYPING_EVERY_SECONDS = 10;
/** How long LINE shows it (5 to 60 seconds, in steps of 5); a new message from the account ends it sooner. */
export const LOADING_SECONDS = 20;

/**
 * Whether the loading animation may start now for the conversation staff are writing in: the shopper's LINE
 * shows it only in one-to-one chats, and LINE allows 100 requests a second for the whole channel. Throttled
 * through one rate_windows row per conversation (`chat_typing:<id>`, window 0, `used` = the Unix second it last
 * started): the row is taken by a single upsert that changes it only when the last start is old enough, so of
 * two instances asking at once one gets it.
 * https://developers.line.biz/en/reference/messaging-api/#display-a-loading-indicator
 */
export async function mayStartTyping(
  engine: Engine,
  actor: Actor,
  conversationId: number,
  now: Date,
): Promise<string | null> {
  ensureCan(actor, 'chat.reply');
  const second = Math.floor(now.getTime() / 1000);
  return engine.write(
    async (tx) => {
      const conversation = await conversationInScope(tx, viewerOf(actor), conversationId);
      const taken = await tx
        .insert(rateWindows)
        .values({ name: `chat_typing:${conversation.id}`, window: 0, used: second })
        .onConflictDoUpdate({
          target: [rateWindows.name, rateWindows.window],
          set: { used: second },
          setWhere: sql`${rateWindows.used} <= ${second - TYPING_EVERY_SECONDS}`,
        })
        .returning({ name: rateWindows.name });
      return taken.length > 0 ? conversation.lineUserId : null;
    },
    { durability: 'relaxed' },
  );
}
