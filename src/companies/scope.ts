import { eq, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { companies, companyProducts, products } from "../db/schema.js";

/**
 * THE rule of who sees which company: staff see every company, an employee sees only their own.
 * Every query that reads companies (or anything hanging off a company) adds this condition, so a company
 * outside the caller's reach is simply not found: a 404 that does not leak whether it exists.
 */
export function visibleCompanies(actor: Actor): SQL | undefined {
  if (actor.role === "staff") return undefined;
  return eq(companies.id, actor.companyId ?? -1);
}

/**
 * Products follow their companies: staff see the whole catalog, an employee only what a company they may
 * see sells (the rule above, applied through company_products).
 */
export function visibleProducts(actor: Actor): SQL | undefined {
  const companyRule = visibleCompanies(actor);
  if (!companyRule) return undefined;
  return sql`exists (select 1 from ${companyProducts} join ${companies}
    on ${companies.id} = ${companyProducts.companyId}
    where ${companyProducts.productId} = ${products.id} and ${companyRule})`;
}
