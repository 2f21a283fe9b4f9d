import {
  boolean,
  bytes,
  id,
  index,
  integer,
  json,
  table,
  text,
  timestamp,
  uniqueIndex,
} from '#db/dialect/columns';
import { members, stores } from './members.ts';
import { staff } from './staff.ts';

/**
 * The one-to-one chat between a shopper and the brand, in both directions: what the shopper wrote (`in`, from the
 * webhook) and what staff or the product's rules answered (`out`). An answer is recorded before it is sent, with
 * how it goes (a free reply or a billed push under `retryKey`) and how that ended.
 */
export const chatMessages = table(
  'chat_messages',
  {
    id: id('id'),
    lineUserId: text('line_user_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    /** LINE's message type: text, sticker, image, video, audio, file, location. */
    kind: text('kind').notNull(),
    text: text('text'),
    /** The LINE message object as received or sent, for what the chat view needs beyond text. */
    payload: json('payload').notNull(),
    webhookEventId: text('webhook_event_id').unique(),
    lineMessageId: text('line_message_id'),
    /** LINE's token for quoting this message in a later one (on received and on sent messages). */
    quoteToken: text('quote_token'),
    /** The message this one quotes (our id). */
    quotedId: integer('quoted_id'),
    /** `in`: LINE's token that marks it read (the shopper sees 已讀), and when staff opening the chat used it. */
    markAsReadToken: text('mark_as_read_token'),
    readAt: timestamp('read_at'),
    /** `out`: who wrote it (null: the product's rules: a keyword reply, the away or "we will reply soon" text). */
    staffId: integer('staff_id').references(() => staff.id),
    /** `out`: a free reply with the shopper's reply token, or a billed push under `retryKey`. */
    delivery: text('delivery', { enum: ['reply', 'push'] }),
    retryKey: text('retry_key').unique(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }),
    error: text('error'),
    /** Erased by the retention period, a PDPA deletion or the shopper's unsend: the text and media are gone. */
    erasedAt: timestamp('erased_at'),
    sentAt: timestamp('sent_at').notNull(),
  },
  (t) => [
    index('chat_messages_user_idx').on(t.lineUserId, t.sentAt),
    index('chat_messages_sent_idx').on(t.sentAt),
  ],
);

/**
 * Images, videos, audio and files of chat messages, fetched from LINE's content endpoint (the data host) when the
 * message arrives, since LINE keeps them only for a while; and the images staff send, uploaded from the console
 * (status `fetched` from the start) and served to LINE by signed links (ADR 37). Erased with the message.
 */
export const chatMedia = table('chat_media', {
  messageId: integer('message_id')
    .primaryKey()
    .references(() => chatMessages.id),
  status: text('status', { enum: ['pending', 'fetched', 'failed', 'erased'] }).notNull(),
  contentType: text('content_type'),
  size: integer('size'),
  content: bytes('content'),
  /**
   * An image staff sent: its preview (JPEG or PNG, at most 1 MB, made by the console), which LINE shows in the
   * chat before the shopper opens the original in `content`. Null for what shoppers send.
   */
  preview: bytes('preview'),
  attempts: integer('attempts').notNull().default(0),
  claimedBy: text('claimed_by'),
  claimedUntil: timestamp('claimed_until'),
  retryAt: timestamp('retry_at'),
  fetchedAt: timestamp('fetched_at'),
});

/**
 * One per LINE account that wrote to the brand: the inbox's row. Unread counts the shopper's messages staff have
 * not opened; `mode` says whether the product's keyword replies answer (bot) or staff do (staff); a conversation is
 * assigned to a staff member and/or a store (by default the member's home store decides who sees it).
 */
export const conversations = table(
  'conversations',
  {
    id: id('id'),
    lineUserId: text('line_user_id').notNull().unique(),
    status: text('status', { enum: ['open', 'waiting', 'done'] }).notNull(),
    mode: text('mode', { enum: ['bot', 'staff'] }).notNull(),
    assigneeId: integer('assignee_id').references(() => staff.id),
    storeId: integer('store_id').references(() => stores.id),
    unread: integer('unread').notNull().default(0),
    lastMessageId: integer('last_message_id'),
    lastMessageAt: timestamp('last_message_at').notNull(),
    /** When the shopper last wrote: a push can still reach a non-friend within LINE's window after it. */
    lastIncomingAt: timestamp('last_incoming_at'),
    /** When the away text was last sent (once per closed period) and the "we will reply soon" text (once until staff answer). */
    awaySentAt: timestamp('away_sent_at'),
    soonSentAt: timestamp('soon_sent_at'),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('conversations_inbox_idx').on(t.status, t.lastMessageAt),
    index('conversations_store_idx').on(t.storeId, t.lastMessageAt),
    // The consoles' live events read the conversations changed since their last read (bot/domain/chat/changes.ts).
    index('conversations_updated_idx').on(t.updatedAt),
  ],
);

/** What a keyword rule answers: a text in both languages, or one of the member's own views. */
export type ChatRuleReply =
  | { kind: 'text'; zh: string; en: string }
  | { kind: 'card' | 'points' | 'coupons' };

/**
 * A keyword auto-reply, edited by marketers: a shopper's text that equals (or contains) one of the keywords gets
 * the reply, in bot mode only. The defaults are 會員卡, 點數 and 優惠券.
 */
export const chatRules = table('chat_rules', {
  id: id('id'),
  keywords: json<string[]>('keywords').notNull(),
  match: text('match', { enum: ['exact', 'contains'] }).notNull(),
  reply: json<ChatRuleReply>('reply').notNull(),
  enabled: boolean('enabled').notNull(),
  position: integer('position').notNull(),
  updatedBy: integer('updated_by').references(() => staff.id),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * When staff answer: the brand's hours (store null) and a store's own, per Taipei weekday (0 Sunday), HH:MM to
 * HH:MM. A store with no rows of its own keeps the brand's.
 */
export const businessHours = table(
  'business_hours',
  {
    id: id('id'),
    storeId: integer('store_id').references(() => stores.id),
    weekday: integer('weekday').notNull(),
    opens: text('opens').notNull(),
    closes: text('closes').notNull(),
  },
  (t) => [index('business_hours_store_idx').on(t.storeId, t.weekday)],
);

/** One row (id 1): the chat's texts and how long its content is kept. */
export const chatSettings = table('chat_settings', {
  id: integer('id').primaryKey(),
  awayZh: text('away_zh').notNull(),
  awayEn: text('away_en').notNull(),
  soonZh: text('soon_zh').notNull(),
  soonEn: text('soon_en').notNull(),
  /** Days chat text and media are kept; older ones are erased by the daily job. */
  retentionDays: integer('retention_days').notNull().default(180),
  updatedAt: timestamp('updated_at').notNull(),
});

/** A ready answer staff pick in the composer. */
export const cannedReplies = table('canned_replies', {
  id: id('id'),
  title: text('title').notNull(),
  text: text('text').notNull(),
  createdBy: integer('created_by').references(() => staff.id),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * A staff note on a member, shown beside the chat and on the member's page. `requestId` is the console's id for
 * the note as typed: a second submit of it answers the first note instead of writing another.
 */
export const memberNotes = table(
  'member_notes',
  {
    id: id('id'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    staffId: integer('staff_id').references(() => staff.id),
    text: text('text').notNull(),
    requestId: text('request_id').unique(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('member_notes_member_idx').on(t.memberId, t.id)],
);
