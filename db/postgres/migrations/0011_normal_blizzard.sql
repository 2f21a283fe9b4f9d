CREATE TABLE "dashboard_days" (
	"day" text NOT NULL,
	"store_id" integer NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"sales" integer DEFAULT 0 NOT NULL,
	"store_sales" integer DEFAULT 0 NOT NULL,
	"online_sales" integer DEFAULT 0 NOT NULL,
	"points_earned" integer DEFAULT 0 NOT NULL,
	"points_paid" integer DEFAULT 0 NOT NULL,
	"points_net" integer DEFAULT 0 NOT NULL,
	"coupons_issued" integer DEFAULT 0 NOT NULL,
	"coupons_claimed" integer DEFAULT 0 NOT NULL,
	"coupons_used" integer DEFAULT 0 NOT NULL,
	"binds" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_days_day_store_id_pk" PRIMARY KEY("day","store_id")
);
--> statement-breakpoint
CREATE TABLE "dashboard_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"ledger_watermark" integer NOT NULL,
	"purchase_watermark" integer NOT NULL,
	"refund_watermark" integer NOT NULL,
	"coupon_watermark" integer NOT NULL,
	"member_watermark" integer NOT NULL,
	"claim_watermark" integer NOT NULL,
	"snapshot_day" text,
	"friends" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"expiring_30" integer DEFAULT 0 NOT NULL,
	"expiring_90" integer DEFAULT 0 NOT NULL,
	"rolled_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_store_members" (
	"store_id" integer PRIMARY KEY NOT NULL,
	"members" integer NOT NULL,
	"friends" integer NOT NULL,
	"blocked" integer NOT NULL,
	"active_30" integer NOT NULL,
	"active_90" integer NOT NULL,
	"repeat_90" integer NOT NULL
);
