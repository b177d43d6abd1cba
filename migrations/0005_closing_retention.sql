CREATE TYPE "public"."close_reason" AS ENUM('doelen_bereikt', 'overgedragen_reguliere_hulp', 'verhuisd', 'anders');--> statement-breakpoint
CREATE TABLE "household_destructions" (
	"household_id" uuid PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"retention_ended_at" timestamp with time zone NOT NULL,
	"destroyed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_run_by" text,
	"runs" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "close_reason" "close_reason";--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "close_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "retention_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "destruction_listed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "household_destructions" ADD CONSTRAINT "household_destructions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;