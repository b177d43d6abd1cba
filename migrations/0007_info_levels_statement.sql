CREATE TYPE "public"."info_level" AS ENUM('volledig', 'afspraken', 'signaal');--> statement-breakpoint
CREATE TABLE "installation_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participations" ADD COLUMN "level" "info_level" DEFAULT 'volledig' NOT NULL;--> statement-breakpoint
ALTER TABLE "participations" ADD COLUMN "statement_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installation_settings" ADD CONSTRAINT "installation_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;