import { eq, type SQL } from "drizzle-orm";
import type { Actor } from "../auth/actor.js";
import { companies } from "../db/schema.js";

/**
 * THE rule of who sees which company: staff see every company, an employee sees only their own.
 * Every query that reads companies (or anything hanging off a company) adds this condition, so a company
 * outside the caller's reach is simply not found: a 404 that does not leak whether it exists.
 */
export function visibleCompanies(actor: Actor): SQL | undefined {
  if (actor.role === "staff") return undefined;
  return eq(companies.id, actor.companyId ?? -1);
}
