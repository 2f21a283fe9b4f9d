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
ALTER TABLE `claim_attempts` ADD `kind` text DEFAULT 'birthday' NOT NULL;