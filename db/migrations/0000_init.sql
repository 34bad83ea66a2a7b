CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "sme_capabilities" (
	"sme_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"capacity_per_month" integer NOT NULL,
	"unit_price" double precision NOT NULL,
	CONSTRAINT "sme_capabilities_sme_id_skill_pk" PRIMARY KEY("sme_id","skill")
);
--> statement-breakpoint
CREATE TABLE "sme_certifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"sme_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"reference" text,
	"expires" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "smes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"postcode" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"service_radius_km" double precision NOT NULL,
	"employees" integer NOT NULL,
	"ownership" text NOT NULL,
	"real_living_wage" boolean NOT NULL,
	"apprentices" integer NOT NULL,
	"local_employees_pct" double precision NOT NULL,
	"charter_signatory" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lot_requirements" (
	"lot_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"quantity" integer NOT NULL,
	"certifications" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "lot_requirements_lot_id_skill_pk" PRIMARY KEY("lot_id","skill")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"postcode" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"homes" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"max_members" integer NOT NULL,
	"max_distance_km" double precision,
	"social_value_weight" double precision NOT NULL,
	"travel_cost_per_unit_km" double precision NOT NULL,
	"coordination_cost_per_member" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sme_capabilities" ADD CONSTRAINT "sme_capabilities_sme_id_smes_id_fk" FOREIGN KEY ("sme_id") REFERENCES "public"."smes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sme_certifications" ADD CONSTRAINT "sme_certifications_sme_id_smes_id_fk" FOREIGN KEY ("sme_id") REFERENCES "public"."smes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smes" ADD CONSTRAINT "smes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_requirements" ADD CONSTRAINT "lot_requirements_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sme_capabilities_skill_sme_id_index" ON "sme_capabilities" USING btree ("skill","sme_id");--> statement-breakpoint
CREATE INDEX "sme_certifications_sme_id_index" ON "sme_certifications" USING btree ("sme_id");--> statement-breakpoint
CREATE INDEX "smes_owner_id_index" ON "smes" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "smes_lat_lon_index" ON "smes" USING btree ("lat","lon");--> statement-breakpoint
CREATE INDEX "lot_requirements_skill_index" ON "lot_requirements" USING btree ("skill");--> statement-breakpoint
CREATE INDEX "lots_owner_id_index" ON "lots" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "lots_status_index" ON "lots" USING btree ("status");