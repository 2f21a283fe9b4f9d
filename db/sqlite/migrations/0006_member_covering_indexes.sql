DROP INDEX `point_lots_member_idx`;--> statement-breakpoint
CREATE INDEX `point_lots_member_idx` ON `point_lots` (`member_id`,`expires_at`,`remaining`);--> statement-breakpoint
DROP INDEX `points_ledger_member_idx`;--> statement-breakpoint
CREATE INDEX `points_ledger_member_idx` ON `points_ledger` (`member_id`,`occurred_at`,`amount`);