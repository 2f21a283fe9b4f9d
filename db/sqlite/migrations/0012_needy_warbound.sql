CREATE TABLE `member_facts` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`active` integer NOT NULL,
	`tier_code` text NOT NULL,
	`home_store_id` integer,
	`birthday` text,
	`birth_month` integer,
	`gender` text,
	`joined_at` integer NOT NULL,
	`points_balance` integer NOT NULL,
	`marketing_opt_in` integer NOT NULL,
	`friend` integer NOT NULL,
	`blocked` integer NOT NULL,
	`last_purchase_at` integer,
	`last_store_purchase_at` integer,
	`last_online_purchase_at` integer,
	`purchases_7` integer NOT NULL,
	`spend_7` integer NOT NULL,
	`purchases_30` integer NOT NULL,
	`spend_30` integer NOT NULL,
	`purchases_90` integer NOT NULL,
	`spend_90` integer NOT NULL,
	`purchases_180` integer NOT NULL,
	`spend_180` integer NOT NULL,
	`purchases_365` integer NOT NULL,
	`spend_365` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_facts_store_idx` ON `member_facts` (`home_store_id`);--> statement-breakpoint
CREATE INDEX `member_facts_tier_idx` ON `member_facts` (`tier_code`);--> statement-breakpoint
CREATE TABLE `member_tags` (
	`member_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`staff_id` integer,
	`tagged_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `tag_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_tags_tag_idx` ON `member_tags` (`tag_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `segment_facts_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`as_of_day` text NOT NULL,
	`purchase_watermark` integer NOT NULL,
	`refreshed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`rules` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`rules` text,
	`refreshed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);