CREATE TABLE `campaign_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`batch_no` integer NOT NULL,
	`language` text NOT NULL,
	`size` integer NOT NULL,
	`retry_key` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`claimed_by` text,
	`claimed_until` integer,
	`retry_at` integer,
	`sent_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_batches_retry_key_unique` ON `campaign_batches` (`retry_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_batches_no_idx` ON `campaign_batches` (`campaign_id`,`batch_no`);--> statement-breakpoint
CREATE INDEX `campaign_batches_status_idx` ON `campaign_batches` (`status`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `campaign_clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer,
	`target` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_clicks_campaign_idx` ON `campaign_clicks` (`campaign_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`line_user_id` text,
	`language` text NOT NULL,
	`holdout` integer NOT NULL,
	`batch_no` integer,
	`skipped` text,
	PRIMARY KEY(`campaign_id`, `member_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaign_recipients_batch_idx` ON `campaign_recipients` (`campaign_id`,`batch_no`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_member_idx` ON `campaign_recipients` (`member_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`segment_id` integer,
	`rules` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`scheduled_at` integer,
	`aggregation_unit` text NOT NULL,
	`holdout_percent` integer NOT NULL,
	`confirmed_cost` integer,
	`recipients` integer DEFAULT 0 NOT NULL,
	`held_out` integer DEFAULT 0 NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`frozen_at` integer,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `marketing_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`weekly_limit` integer DEFAULT 2 NOT NULL,
	`quiet_start` text DEFAULT '22:00' NOT NULL,
	`quiet_end` text DEFAULT '09:00' NOT NULL,
	`holdout_percent` integer DEFAULT 5 NOT NULL,
	`monthly_budget` integer,
	`plan_code` text DEFAULT 'light' NOT NULL,
	`plans` text,
	`requests_per_second` integer DEFAULT 200 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_windows` (
	`name` text NOT NULL,
	`window` integer NOT NULL,
	`used` integer NOT NULL,
	PRIMARY KEY(`name`, `window`)
);
