CREATE TABLE "programme_lots" (
	"programme_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "programme_lots_programme_id_lot_id_pk" PRIMARY KEY("programme_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_lots" ADD CONSTRAINT "programme_lots_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_lots" ADD CONSTRAINT "programme_lots_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_lots_lot_id_index" ON "programme_lots" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "programmes_owner_id_index" ON "programmes" USING btree ("owner_id");