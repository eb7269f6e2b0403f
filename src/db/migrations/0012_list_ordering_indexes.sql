DROP INDEX "companies_level_idx";--> statement-breakpoint
DROP INDEX "companies_created_at_idx";--> statement-breakpoint
CREATE INDEX "companies_level_id_idx" ON "companies" USING btree ("level","id");--> statement-breakpoint
CREATE INDEX "companies_name_id_idx" ON "companies" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "companies_city_id_idx" ON "companies" USING btree ("city","id");--> statement-breakpoint
CREATE INDEX "companies_country_id_idx" ON "companies" USING btree ("country","id");--> statement-breakpoint
CREATE INDEX "companies_created_at_id_idx" ON "companies" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_first_name_id_idx" ON "users" USING btree ("first_name","id");--> statement-breakpoint
CREATE INDEX "users_last_name_id_idx" ON "users" USING btree ("last_name","id");--> statement-breakpoint
CREATE INDEX "users_created_at_id_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_last_login_at_id_idx" ON "users" USING btree ("last_login_at","id");