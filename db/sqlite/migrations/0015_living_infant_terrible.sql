CREATE TABLE `member_import_rows` (
	`import_id` integer NOT NULL,
	`row_no` integer NOT NULL,
	`phone` text NOT NULL,
	`name` text NOT NULL,
	`birthday` text,
	`home_store_id` integer,
	`home_store_code` text,
	`opening_points` integer NOT NULL,
	`tier_code` text,
	`problems` text NOT NULL,
	`outcome` text NOT NULL,
	`member_id` integer,
	PRIMARY KEY(`import_id`, `row_no`),
	FOREIGN KEY (`import_id`) REFERENCES `member_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`home_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_import_rows_outcome_idx` ON `member_import_rows` (`import_id`,`outcome`,`row_no`);--> statement-breakpoint
CREATE TABLE `member_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`content_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`rows` integer NOT NULL,
	`invalid_rows` integer NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`imported_rows` integer DEFAULT 0 NOT NULL,
	`existing_rows` integer DEFAULT 0 NOT NULL,
	`staff_id` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_imports_content_hash_unique` ON `member_imports` (`content_hash`);