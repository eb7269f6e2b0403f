DROP INDEX "companies_country_lower_idx";--> statement-breakpoint
DROP INDEX "companies_city_lower_idx";--> statement-breakpoint
DROP INDEX "company_products_product_idx";--> statement-breakpoint
CREATE INDEX "users_is_active_id_idx" ON "users" USING btree ("is_active","id");--> statement-breakpoint
CREATE INDEX "companies_country_lower_idx" ON "companies" USING btree (lower("country"),"country");--> statement-breakpoint
CREATE INDEX "companies_city_lower_idx" ON "companies" USING btree (lower("city"),"city");--> statement-breakpoint
CREATE INDEX "company_products_product_idx" ON "company_products" USING btree ("product_id","company_id");