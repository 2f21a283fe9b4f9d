CREATE TABLE `coupon_draws` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`won` integer NOT NULL,
	`coupon_id` integer,
	`drawn_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `coupon_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `coupon_draws_member_idx` ON `coupon_draws` (`template_id`,`member_id`);--> statement-breakpoint
ALTER TABLE `purchases` ADD `coupon_discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `claimable` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `lottery_win_percent` integer;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `points_price` integer;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `auto_issue` text;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `auto_issue_tier` text;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `discount_given` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `coupons` ADD `points_spent` integer;--> statement-breakpoint
ALTER TABLE `coupons` ADD `used_at` integer;--> statement-breakpoint
ALTER TABLE `coupons` ADD `purchase_id` integer;--> statement-breakpoint
ALTER TABLE `coupons` ADD `used_store_id` integer;--> statement-breakpoint
ALTER TABLE `coupons` ADD `discount` integer;--> statement-breakpoint
ALTER TABLE `coupons` ADD `reminded_at` integer;--> statement-breakpoint
CREATE INDEX `coupons_purchase_idx` ON `coupons` (`purchase_id`);--> statement-breakpoint
CREATE INDEX `coupons_expiry_idx` ON `coupons` (`status`,`valid_until`);