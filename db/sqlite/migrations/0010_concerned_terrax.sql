CREATE TABLE `coupon_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`amount_off` integer,
	`percent_off` integer,
	`max_discount` integer,
	`gift_name` text,
	`gift_name_en` text,
	`min_spend` integer NOT NULL,
	`valid_from` integer,
	`valid_until` integer,
	`valid_days` integer,
	`total_cap` integer,
	`per_member_cap` integer,
	`discount_budget` integer,
	`store_ids` text,
	`channels` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`image_url` text,
	`terms` text NOT NULL,
	`terms_en` text NOT NULL,
	`stackable` integer NOT NULL,
	`active` integer NOT NULL,
	`issued_count` integer NOT NULL,
	`previous_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `coupons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`code` text NOT NULL,
	`status` text NOT NULL,
	`how` text NOT NULL,
	`staff_id` integer,
	`idempotency_key` text NOT NULL,
	`issued_at` integer NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_until` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `coupon_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupons_code_unique` ON `coupons` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `coupons_idempotency_key_unique` ON `coupons` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `coupons_member_idx` ON `coupons` (`member_id`,`status`);--> statement-breakpoint
CREATE INDEX `coupons_template_member_idx` ON `coupons` (`template_id`,`member_id`);