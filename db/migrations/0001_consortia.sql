CREATE TABLE "bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"consortium_id" uuid NOT NULL,
	"sme_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"units" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consortia" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid NOT NULL,
	"lead_sme_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"status" text DEFAULT 'forming' NOT NULL,
	"cost" double precision NOT NULL,
	"proposal" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consortium_members" (
	"consortium_id" uuid NOT NULL,
	"sme_id" uuid NOT NULL,
	"invitation" text DEFAULT 'pending' NOT NULL,
	"assignments" jsonb NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "consortium_members_consortium_id_sme_id_pk" PRIMARY KEY("consortium_id","sme_id")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_consortium_id_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortia"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_sme_id_smes_id_fk" FOREIGN KEY ("sme_id") REFERENCES "public"."smes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_lead_sme_id_smes_id_fk" FOREIGN KEY ("lead_sme_id") REFERENCES "public"."smes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortia" ADD CONSTRAINT "consortia_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_consortium_id_consortia_id_fk" FOREIGN KEY ("consortium_id") REFERENCES "public"."consortia"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consortium_members" ADD CONSTRAINT "consortium_members_sme_id_smes_id_fk" FOREIGN KEY ("sme_id") REFERENCES "public"."smes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_consortium_id_index" ON "bookings" USING btree ("consortium_id");--> statement-breakpoint
CREATE INDEX "bookings_sme_id_skill_index" ON "bookings" USING btree ("sme_id","skill");--> statement-breakpoint
CREATE INDEX "consortia_lot_id_index" ON "consortia" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "consortia_lead_sme_id_index" ON "consortia" USING btree ("lead_sme_id");--> statement-breakpoint
CREATE INDEX "consortia_created_by_index" ON "consortia" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "consortium_members_sme_id_index" ON "consortium_members" USING btree ("sme_id");