ALTER TABLE "member_notes" ADD COLUMN "request_id" text;--> statement-breakpoint
ALTER TABLE "member_notes" ADD CONSTRAINT "member_notes_request_id_unique" UNIQUE("request_id");