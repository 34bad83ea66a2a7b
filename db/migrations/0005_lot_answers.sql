CREATE SEQUENCE "public"."change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "lot_answers" (
	"lot_id" uuid PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"change_seq" bigint NOT NULL,
	"lot_version" integer NOT NULL,
	"k" integer NOT NULL,
	"kind" text NOT NULL,
	"answer" jsonb NOT NULL,
	"method" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lot_answers" ADD CONSTRAINT "lot_answers_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;