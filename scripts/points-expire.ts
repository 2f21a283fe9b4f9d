// npm run points:expire: the daily points job run by hand or by cron (the server also runs it at 00:30 Taipei).
// Expires due points, queues reminders for points about to expire and reviews tiers whose yearly review has
// come. Idempotent: a second run finds nothing to do. The notices it queues are pushed by the running servers:
// on PostgreSQL they are told at once (NOTIFY), on SQLite they find them within seconds.
import { loadConfig } from '../bot/config.ts';
import { runDailyPointsJob } from '../bot/domain/daily-points-job.ts';
import { openEngine } from '../db/engine.ts';

const engine = await openEngine({ url: loadConfig(process.env).databaseUrl });
const result = await runDailyPointsJob(engine, new Date())
  .then((done) => {
    engine.signal('expiry_reminders');
    engine.signal('member_notices');
    return done;
  })
  .finally(() => engine.close());
console.log(
  `Expired ${result.pointsExpired} points of ${result.membersExpired} members; queued ${result.remindersQueued} ` +
    `reminders; reviewed ${result.tiersReviewed} tiers (${result.tiersChanged} changed); expired ` +
    `${result.couponsExpired} coupons, gave ${result.birthdayCoupons} birthday coupons, reminded ` +
    `${result.couponReminders} members of coupons.`,
);
