CREATE TABLE "journey_entries" (
	"journey" text NOT NULL,
	"member_id" integer NOT NULL,
	"occasion" text NOT NULL,
	"campaign_id" integer NOT NULL,
	"entered_on" text NOT NULL,
	CONSTRAINT "journey_entries_journey_member_id_occasion_pk" PRIMARY KEY("journey","member_id","occasion")
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"kind" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"message" jsonb NOT NULL,
	"delay_days" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "journey_entries" ADD CONSTRAINT "journey_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_entries" ADD CONSTRAINT "journey_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "journey_entries_campaign_idx" ON "journey_entries" USING btree ("campaign_id","member_id");