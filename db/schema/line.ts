import { boolean, index, integer, json, table, text, timestamp } from '#db/dialect/columns';

/**
 * The webhook inbox: every event LINE delivers is written here before the webhook answers 200,
 * so an acknowledged event is never lost and each webhookEventId takes effect once.
 * See docs/decisions/0003-webhook-inbox.md.
 */
export const webhookEvents = table(
  'webhook_events',
  {
    webhookEventId: text('webhook_event_id').primaryKey(),
    type: text('type').notNull(),
    mode: text('mode').notNull(),
    lineUserId: text('line_user_id'),
    payload: json('payload').notNull(),
    isRedelivery: boolean('is_redelivery').notNull().default(false),
    /** pending -> done | failed | skipped (standby events are recorded, never answered). */
    status: text('status', { enum: ['pending', 'done', 'failed', 'skipped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The instance processing the event, until `claimedUntil`; after that any instance may take it over. */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    /** After a passing failure: not tried again before this time. */
    retryAt: timestamp('retry_at'),
    occurredAt: timestamp('occurred_at').notNull(),
    receivedAt: timestamp('received_at').notNull(),
    processedAt: timestamp('processed_at'),
  },
  (t) => [
    index('webhook_events_status_idx').on(t.status, t.receivedAt),
    // A shopper's events go one after another: a claim skips one whose earlier event is still pending.
    index('webhook_events_user_idx').on(t.lineUserId, t.receivedAt),
  ],
);

/**
 * A LINE user who has added the official account as a friend: a member candidate.
 * Nothing is deleted when they block the account; the status and the time say so.
 */
export const lineFriends = table('line_friends', {
  lineUserId: text('line_user_id').primaryKey(),
  displayName: text('display_name'),
  pictureUrl: text('picture_url'),
  language: text('language'),
  status: text('status', { enum: ['friend', 'blocked'] }).notNull(),
  followedAt: timestamp('followed_at').notNull(),
  blockedAt: timestamp('blocked_at'),
  /**
   * The reply token of the friend's latest event that was not answered, and when it came: replies are free, so a
   * message the product owes them soon after (a welcome on joining) uses it while it is fresh instead of a push.
   */
  unusedReplyToken: text('unused_reply_token'),
  unusedReplyTokenAt: timestamp('unused_reply_token_at'),
  updatedAt: timestamp('updated_at').notNull(),
});
