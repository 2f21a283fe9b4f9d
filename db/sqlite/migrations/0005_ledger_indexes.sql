CREATE INDEX `point_lots_earn_entry_idx` ON `point_lots` (`earn_entry_id`);--> statement-breakpoint
CREATE INDEX `point_lots_due_idx` ON `point_lots` (`expires_at`) WHERE remaining > 0;--> statement-breakpoint
CREATE INDEX `points_ledger_purchase_idx` ON `points_ledger` (`purchase_id`);--> statement-breakpoint
CREATE INDEX `points_ledger_reverses_idx` ON `points_ledger` (`reverses_entry_id`);