import { COMPANY_LEVELS, type CompanyLevel } from "../db/schema.js";
import { badRequest, conflict, type HttpError } from "../http/errors.js";

/**
 * The supply-chain rules as the API states them. The database enforces the same rules (see the companies
 * table, and constraints.ts answers its refusals); these checks run first so that the answer says what to do.
 */

export const levelName = (level: number): CompanyLevel => COMPANY_LEVELS[level] as CompanyLevel;
export const levelIndex = (name: CompanyLevel): number => COMPANY_LEVELS.indexOf(name);

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

export const DEBT_READ_ONLY = "Debt is read-only after creation; use clear_debt.";

/** Money comes in as "12", "12.5" or "12.50"; zero in any of those spellings counts as zero. */
const isZeroMoney = (value: string) => /^0+(\.0{1,2})?$/.test(value);

export interface HierarchyInput {
  /** The company's own id, when it exists already. */
  id?: number;
  level: number;
  supplierId: number | null;
  /** Only at creation. */
  debt?: string;
}

/** What the caller asks for, checked against the supplier as it is now; undefined when it fits. */
export function hierarchyError(
  company: HierarchyInput,
  supplier: { id: number; level: number } | undefined,
): HttpError | undefined {
  if (company.level === 0) {
    const fields: Record<string, string[]> = {};
    if (company.supplierId !== null) fields.supplier_id = ["A factory has no supplier; send null."];
    if (company.debt !== undefined && !isZeroMoney(company.debt)) {
      fields.debt = ["A factory never owes anything; debt must be 0.00."];
    }
    return Object.keys(fields).length ? badRequest("A factory heads the chain.", fields) : undefined;
  }
  const wanted = levelName(company.level - 1);
  const oneLevelUp = `Must be ${article(wanted)} (one level up).`;
  if (company.supplierId === null) {
    return badRequest(`${article(levelName(company.level))} needs a supplier.`, {
      supplier_id: [`This field is required. ${oneLevelUp}`],
    });
  }
  if (company.supplierId === company.id) {
    return badRequest("A company cannot supply itself.", { supplier_id: [oneLevelUp] });
  }
  if (!supplier) {
    return badRequest("The supplier does not exist.", {
      supplier_id: [`No company with id ${company.supplierId}. ${oneLevelUp}`],
    });
  }
  if (supplier.level !== company.level - 1) {
    return badRequest("The supplier is not one level up.", {
      supplier_id: [`${oneLevelUp} Company ${supplier.id} is ${article(levelName(supplier.level))}.`],
    });
  }
  return undefined;
}

/** A company that supplies others is a fixed point of the chain: it can neither vanish nor move level. */
export function suppliesOthersError(
  company: { name: string },
  clients: number,
  change: "delete" | "level",
): HttpError {
  const clientsText = `${company.name} supplies ${clients} ${clients === 1 ? "company" : "companies"}`;
  return change === "delete"
    ? conflict(`${clientsText}; reassign or delete them first.`)
    : conflict(`${clientsText}; reassign or delete them before changing its level.`, {
        level: ["Cannot change while the company supplies others."],
      });
}

export const unknownProductsError = (ids: number[]) =>
  badRequest("Some products do not exist.", {
    product_ids: [`Unknown product ids: ${ids.join(", ")}.`],
  });
