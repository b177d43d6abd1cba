CREATE TYPE "public"."grondslag" AS ENUM('huisverbod_wth', 'melding_veilig_thuis', 'toestemming', 'wettelijke_taak', 'zwaarwegend_belang');--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "grondslag" "grondslag";--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "grondslag_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "referring_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_referring_organization_id_organizations_id_fk" FOREIGN KEY ("referring_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;