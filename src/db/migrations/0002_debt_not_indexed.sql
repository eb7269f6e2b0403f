DROP INDEX "companies_city_lower_debt_idx";--> statement-breakpoint
DROP INDEX "companies_debt_id_idx";--> statement-breakpoint
CREATE INDEX "companies_city_lower_idx" ON "companies" USING btree (lower("city"));