CREATE TABLE `claim_attempt_accounts` (
	`line_user_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `claim_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`store_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by_line_user_id` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_codes_member_idx` ON `claim_codes` (`member_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `member_lookups` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`member_id` integer NOT NULL,
	`store_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`proof` text NOT NULL,
	`approved_by` integer,
	`purchase_id` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_lookups_expires_idx` ON `member_lookups` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sign_in_addresses` (
	`ip` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `claim_attempts` ADD `kind` text DEFAULT 'birthday' NOT NULL;