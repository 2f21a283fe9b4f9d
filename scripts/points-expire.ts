// npm run points:expire: the daily points job run by hand or by cron (the server also runs it at 00:30 Taipei).
// Expires due points, queues reminders for points about to expire and reviews tiers whose yearly review has
// come. Idempotent: a second run finds nothing to do. The notices it queues are pushed by the running server.
import { loadConfig } from '../bot/config.ts';
import { runDailyPointsJob } from '../bot/domain/expiry.ts';
import { openEngine } from '../db/engine.ts';

const engine = await openEngine({ url: loadConfig(process.env).databaseUrl });
const result = await runDailyPointsJob(engine, new Date()).finally(() => engine.close());
console.log(
  `Expired ${result.pointsExpired} points of ${result.membersExpired} members; queued ${result.remindersQueued} ` +
    `reminders; reviewed ${result.tiersReviewed} tiers (${result.tiersChanged} changed).`,
);
