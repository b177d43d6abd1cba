CREATE TYPE "public"."casusoverleg_status" AS ENUM('planned', 'in_progress', 'closed');--> statement-breakpoint
CREATE TABLE "casusoverleg_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"casusoverleg_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_minutes" integer NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "casusoverleggen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_link" text DEFAULT '' NOT NULL,
	"chair_id" uuid NOT NULL,
	"status" "casusoverleg_status" DEFAULT 'planned' NOT NULL,
	"current_item_id" uuid,
	"started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "casusoverleg_items" ADD CONSTRAINT "casusoverleg_items_casusoverleg_id_casusoverleggen_id_fk" FOREIGN KEY ("casusoverleg_id") REFERENCES "public"."casusoverleggen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casusoverleg_items" ADD CONSTRAINT "casusoverleg_items_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casusoverleg_items" ADD CONSTRAINT "casusoverleg_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casusoverleg_items" ADD CONSTRAINT "casusoverleg_items_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casusoverleggen" ADD CONSTRAINT "casusoverleggen_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casusoverleggen" ADD CONSTRAINT "casusoverleggen_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "casusoverleg_items_household_once" ON "casusoverleg_items" USING btree ("casusoverleg_id","household_id");--> statement-breakpoint
CREATE INDEX "casusoverleg_items_household_idx" ON "casusoverleg_items" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "casusoverleggen_starts_idx" ON "casusoverleggen" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "casusoverleggen_chair_idx" ON "casusoverleggen" USING btree ("chair_id");