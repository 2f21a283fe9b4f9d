CREATE TABLE `claim_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_user_id` text NOT NULL,
	`phone` text NOT NULL,
	`succeeded` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claim_attempts_user_idx` ON `claim_attempts` (`line_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `claim_attempts_phone_idx` ON `claim_attempts` (`phone`,`at`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_number` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`source` text NOT NULL,
	`line_user_id` text,
	`phone` text,
	`name` text,
	`birthday` text,
	`gender` text,
	`email` text,
	`home_store_id` integer,
	`tier_code` text NOT NULL,
	`tier_review_at` integer,
	`points_balance` integer DEFAULT 0 NOT NULL,
	`terms_version` text,
	`privacy_version` text,
	`consented_at` integer,
	`marketing_opt_in` integer DEFAULT false NOT NULL,
	`marketing_opt_in_at` integer,
	`card_id` text NOT NULL,
	`card_secret` text NOT NULL,
	`joined_at` integer NOT NULL,
	`bound_at` integer,
	`deleted_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`home_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tier_code`) REFERENCES `tiers`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_member_number_unique` ON `members` (`member_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_line_user_id_unique` ON `members` (`line_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_card_id_unique` ON `members` (`card_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_phone_unique` ON `members` (`phone`);--> statement-breakpoint
CREATE TABLE `stores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_code_unique` ON `stores` (`code`);--> statement-breakpoint
CREATE TABLE `tiers` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`rank` integer NOT NULL,
	`qualifying_spend` integer NOT NULL,
	`earn_multiplier_percent` integer DEFAULT 100 NOT NULL,
	`benefits` text NOT NULL,
	`color` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tiers_rank_unique` ON `tiers` (`rank`);--> statement-breakpoint
CREATE TABLE `point_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`earn_entry_id` integer NOT NULL,
	`points` integer NOT NULL,
	`remaining` integer NOT NULL,
	`earned_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`earn_entry_id`) REFERENCES `points_ledger`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `point_lots_member_idx` ON `point_lots` (`member_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`kind` text NOT NULL,
	`points` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`amount` integer,
	`store_id` integer,
	`channel` text NOT NULL,
	`staff_id` integer,
	`reference` text,
	`idempotency_key` text NOT NULL,
	`reverses_entry_id` integer,
	`note` text,
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_idempotency_key_unique` ON `points_ledger` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `points_ledger_member_idx` ON `points_ledger` (`member_id`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `line_friends` ADD `unused_reply_token` text;--> statement-breakpoint
ALTER TABLE `line_friends` ADD `unused_reply_token_at` integer;