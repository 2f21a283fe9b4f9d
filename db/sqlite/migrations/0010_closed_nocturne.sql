CREATE TABLE `sign_in_addresses` (
	`ip` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer NOT NULL
);
