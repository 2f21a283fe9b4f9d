CREATE TABLE "dashboard_campaigns" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"member_cursor" integer NOT NULL,
	"purchase_watermark" integer NOT NULL,
	"refund_watermark" integer NOT NULL,
	"ledger_watermark" integer NOT NULL,
	"recipients" integer NOT NULL,
	"held_out" integer NOT NULL,
	"recipients_sales" integer NOT NULL,
	"holdout_sales" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "purchase_refunds_purchase_idx" ON "purchase_refunds" USING btree ("purchase_id");