CREATE TABLE `journey_entries` (
	`journey` text NOT NULL,
	`member_id` integer NOT NULL,
	`occasion` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`entered_on` text NOT NULL,
	PRIMARY KEY(`journey`, `member_id`, `occasion`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `journey_entries_campaign_idx` ON `journey_entries` (`campaign_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `journeys` (
	`kind` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`message` text NOT NULL,
	`delay_days` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
