ALTER TABLE "smes" ADD COLUMN "location_source" text DEFAULT 'exact' NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "location_source" text DEFAULT 'exact' NOT NULL;