-- Money moves from double precision (GBP) to bigint (whole pennies). Each value is converted
-- through numeric: float8 -> numeric keeps 15 significant digits, which gives back the decimal
-- that was entered (0.1 + 0.2 stored as 0.30000000000000004 reads as 0.3), then round() takes it
-- to the penny, halves away from zero (19999.995 -> 2000000 pennies, 0.30000000000000004 -> 30).
ALTER TABLE "sme_capabilities" ALTER COLUMN "unit_price" SET DATA TYPE bigint USING round("unit_price"::numeric * 100)::bigint;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "travel_cost_per_unit_km" SET DATA TYPE bigint USING round("travel_cost_per_unit_km"::numeric * 100)::bigint;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "coordination_cost_per_member" SET DATA TYPE bigint USING round("coordination_cost_per_member"::numeric * 100)::bigint;--> statement-breakpoint
ALTER TABLE "consortia" ALTER COLUMN "cost" SET DATA TYPE bigint USING round("cost"::numeric * 100)::bigint;
