CREATE TABLE `job_runs` (
	`name` text NOT NULL,
	`run_key` text NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_until` integer NOT NULL,
	`finished_at` integer,
	`result` text,
	PRIMARY KEY(`name`, `run_key`)
);
--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `retry_at` integer;--> statement-breakpoint
CREATE INDEX `webhook_events_user_idx` ON `webhook_events` (`line_user_id`,`received_at`);--> statement-breakpoint
ALTER TABLE `member_notices` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `member_notices` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `member_notices` ADD `retry_at` integer;