DROP INDEX "companies_country_idx";--> statement-breakpoint
DROP INDEX "companies_city_debt_idx";--> statement-breakpoint
DROP INDEX "companies_debt_idx";--> statement-breakpoint
CREATE INDEX "companies_country_lower_idx" ON "companies" USING btree (lower("country"));--> statement-breakpoint
CREATE INDEX "companies_city_lower_debt_idx" ON "companies" USING btree (lower("city"),"debt","id");--> statement-breakpoint
CREATE INDEX "companies_debt_id_idx" ON "companies" USING btree ("debt","id");