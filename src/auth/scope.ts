import { and, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { companies, companyProducts, products, type UserRole } from "../db/schema.js";
import { notFound } from "../http/errors.js";
import { msg } from "../i18n/translate.js";
import type { Actor } from "./actor.js";

/**
 * THE rule of who sees which company: staff see every company, an employee sees only their own.
 * Every query that reads companies (or anything hanging off a company) adds this condition, so a company
 * outside the caller's reach is simply not found: a 404 that does not leak whether it exists.
 */
export function visibleCompanies(actor: Actor): SQL | undefined {
  return companyRule(actor.role, actor.companyId ?? -1);
}

/** For routes under /companies/{id}/…: the company's id if the caller may see it, else the rule's 404. */
export async function requireVisibleCompany(db: DbOrTx, actor: Actor, companyId: number): Promise<number> {
  const [company] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, companyId), visibleCompanies(actor)));
  // The same words whether the company is missing or someone else's, so the answer leaks nothing.
  if (!company) throw notFound(msg("company.not_found_here"));
  return company.id;
}

/** The parameter a prepared statement built with `visibleCompaniesPrepared` needs: the caller's company. */
export const ACTOR_COMPANY = "actorCompanyId";

/**
 * The same rule for a prepared statement (built once per role, run many times): the employee's company is
 * left as the placeholder ACTOR_COMPANY; bind it with `actorCompanyBinding(actor)`.
 */
export function visibleCompaniesPrepared(role: UserRole): SQL | undefined {
  return companyRule(role, sql.placeholder(ACTOR_COMPANY));
}

export const actorCompanyBinding = (actor: Actor) => ({ [ACTOR_COMPANY]: actor.companyId ?? -1 });

function companyRule(role: UserRole, companyId: number | Placeholder): SQL | undefined {
  if (role === "staff") return undefined;
  return eq(companies.id, companyId);
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
