ALTER TABLE "action_evaluations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reopened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reopened_by" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "reopen_reason" text;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;