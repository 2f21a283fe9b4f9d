CREATE TABLE `purchase_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purchase_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`is_void` integer NOT NULL,
	`points_removed` integer NOT NULL,
	`points_returned` integer NOT NULL,
	`staff_id` integer,
	`reason` text,
	`idempotency_key` text NOT NULL,
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_refunds_idempotency_key_unique` ON `purchase_refunds` (`idempotency_key`);--> statement-breakpoint
ALTER TABLE `member_notices` ADD `batch_key` text;