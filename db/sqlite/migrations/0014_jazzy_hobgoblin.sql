CREATE TABLE `business_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` integer,
	`weekday` integer NOT NULL,
	`opens` text NOT NULL,
	`closes` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `business_hours_store_idx` ON `business_hours` (`store_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `canned_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`created_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `chat_media` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`content_type` text,
	`size` integer,
	`content` blob,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	`retry_at` integer,
	`fetched_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `chat_messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `chat_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`keywords` text NOT NULL,
	`match` text NOT NULL,
	`reply` text NOT NULL,
	`enabled` integer NOT NULL,
	`position` integer NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `chat_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`away_zh` text NOT NULL,
	`away_en` text NOT NULL,
	`soon_zh` text NOT NULL,
	`soon_en` text NOT NULL,
	`retention_days` integer DEFAULT 180 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_user_id` text NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`assignee_id` integer,
	`store_id` integer,
	`unread` integer DEFAULT 0 NOT NULL,
	`last_message_id` integer,
	`last_message_at` integer NOT NULL,
	`last_incoming_at` integer,
	`away_sent_at` integer,
	`soon_sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_line_user_id_unique` ON `conversations` (`line_user_id`);--> statement-breakpoint
CREATE INDEX `conversations_inbox_idx` ON `conversations` (`status`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `conversations_store_idx` ON `conversations` (`store_id`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `member_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`staff_id` integer,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_notes_member_idx` ON `member_notes` (`member_id`,`id`);--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `quote_token` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `quoted_id` integer;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `mark_as_read_token` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `read_at` integer;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `staff_id` integer REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `retry_key` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `status` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `error` text;--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `erased_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `chat_messages_retry_key_unique` ON `chat_messages` (`retry_key`);--> statement-breakpoint
CREATE INDEX `chat_messages_sent_idx` ON `chat_messages` (`sent_at`);--> statement-breakpoint
INSERT INTO `conversations` (`line_user_id`, `status`, `mode`, `unread`, `last_message_id`, `last_message_at`, `last_incoming_at`, `updated_at`)
SELECT `line_user_id`, 'open', 'bot', SUM(CASE WHEN `direction` = 'in' THEN 1 ELSE 0 END), MAX(`id`), MAX(`sent_at`), MAX(CASE WHEN `direction` = 'in' THEN `sent_at` END), MAX(`sent_at`)
FROM `chat_messages` GROUP BY `line_user_id`;--> statement-breakpoint
-- The chat's defaults: the keywords the bot answered before the chat had rules, the away and "we will reply soon" texts, and the brand's hours (every day 10:00-21:00 Taipei).
INSERT INTO `chat_rules` (`keywords`, `match`, `reply`, `enabled`, `position`, `updated_at`) VALUES ('["會員卡","card"]', 'exact', '{"kind":"card"}', 1, 1, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
--> statement-breakpoint
INSERT INTO `chat_rules` (`keywords`, `match`, `reply`, `enabled`, `position`, `updated_at`) VALUES ('["點數","points"]', 'exact', '{"kind":"points"}', 1, 2, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
--> statement-breakpoint
INSERT INTO `chat_rules` (`keywords`, `match`, `reply`, `enabled`, `position`, `updated_at`) VALUES ('["優惠券","優惠卷","coupons","coupon"]', 'exact', '{"kind":"coupons"}', 1, 3, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
--> statement-breakpoint
INSERT INTO `chat_settings` (`id`, `away_zh`, `away_en`, `soon_zh`, `soon_en`, `retention_days`, `updated_at`) VALUES (1, '謝謝您的訊息！現在是非營業時間，我們會在營業時間內盡快回覆您。', 'Thanks for your message! We are closed now and will reply as soon as we open.', '謝謝您的訊息！專人會盡快回覆您，請稍候。', 'Thanks for your message! Our staff will reply soon.', 180, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 0, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 1, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 2, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 3, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 4, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 5, '10:00', '21:00');
--> statement-breakpoint
INSERT INTO `business_hours` (`store_id`, `weekday`, `opens`, `closes`) VALUES (NULL, 6, '10:00', '21:00');
