import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMessages, chatSettings } from '../../../db/schema.ts';
import { eraseMessages } from './erase.ts';

const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * The chat's retention period (chat_settings.retentionDays, 180 by default): the text, LINE's object and the
 * media of messages older than it are erased, keeping each message's kind and time. Run by the daily job; each
 * batch is one transaction, and running it again finds nothing left to do. Returns how many it erased.
 */
export async function eraseExpiredChat(engine: Engine, now: Date): Promise<number> {
  const [settings] = await engine.read((tx) =>
    tx.select({ days: chatSettings.retentionDays }).from(chatSettings).where(eq(chatSettings.id, 1)),
  );
  if (!settings) return 0;
  const before = new Date(now.getTime() - settings.days * DAY_MS);
  let erased = 0;
  for (;;) {
    const count = await engine.write(async (tx) => {
      const due = await tx
        .select({ id: chatMessages.id })
        .from(chatMessages)
        .where(and(lt(chatMessages.sentAt, before), isNull(chatMessages.erasedAt)))
        .orderBy(asc(chatMessages.sentAt))
        .limit(BATCH);
      return eraseMessages(
        tx,
        due.map((row) => row.id),
        now,
        'retention',
      );
    });
    erased += count;
    if (count < BATCH) break;
  }
  if (erased > 0) engine.signal('chat');
  return erased;
}
