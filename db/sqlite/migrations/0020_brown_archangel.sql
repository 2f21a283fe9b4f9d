ALTER TABLE `member_notes` ADD `request_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `member_notes_request_id_unique` ON `member_notes` (`request_id`);