CREATE TYPE "public"."action_kind" AS ENUM('afspraak', 'huisverbod_advies');--> statement-breakpoint
CREATE TYPE "public"."evaluation_reason" AS ENUM('omstandigheden_gewijzigd', 'niet_uitgevoerd_door_partner');--> statement-breakpoint
CREATE TYPE "public"."huisverbod_decision" AS ENUM('verlengd', 'niet_verlengd');--> statement-breakpoint
ALTER TABLE "action_evaluations" ADD COLUMN "reason" "evaluation_reason";--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "kind" "action_kind" DEFAULT 'afspraak' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "huisverbod_decision" "huisverbod_decision";--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "huisverbod_decided_on" date;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "huisverbod_decision_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "huisverbod_decision_recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "huisverbod_decision_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "closed_before_reopen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_huisverbod_decision_recorded_by_users_id_fk" FOREIGN KEY ("huisverbod_decision_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "actions_one_huisverbod_advice" ON "actions" USING btree ("household_id") WHERE "actions"."kind" = 'huisverbod_advies';--> statement-breakpoint
CREATE INDEX "household_persons_identity_idx" ON "household_persons" USING btree (lower(btrim("label")),"birth_year");