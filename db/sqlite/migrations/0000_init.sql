CREATE TABLE `chat_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_user_id` text NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`payload` text NOT NULL,
	`webhook_event_id` text,
	`line_message_id` text,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_messages_webhook_event_id_unique` ON `chat_messages` (`webhook_event_id`);--> statement-breakpoint
CREATE INDEX `chat_messages_user_idx` ON `chat_messages` (`line_user_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `line_friends` (
	`line_user_id` text PRIMARY KEY NOT NULL,
	`display_name` text,
	`picture_url` text,
	`language` text,
	`status` text NOT NULL,
	`followed_at` integer NOT NULL,
	`blocked_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`webhook_event_id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`mode` text NOT NULL,
	`line_user_id` text,
	`payload` text NOT NULL,
	`is_redelivery` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_events_status_idx` ON `webhook_events` (`status`,`received_at`);