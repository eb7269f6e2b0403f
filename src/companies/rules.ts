import { COMPANY_LEVELS, type CompanyLevel } from "../db/schema.js";
import { badRequest, conflict, type FieldErrors, type HttpError } from "../http/errors.js";
import { msg } from "../i18n/translate.js";

/**
 * The supply-chain rules as the API states them. The database enforces the same rules (see the companies
 * table, and constraints.ts answers its refusals); these checks run first so that the answer says what to do.
 */

export const levelName = (level: number): CompanyLevel => COMPANY_LEVELS[level] as CompanyLevel;
export const levelIndex = (name: CompanyLevel): number => COMPANY_LEVELS.indexOf(name);

/** A level's name, in words for a person: "distributor", «Дистрибьютор». */
export const levelWords = (level: number) => msg(`level.${levelName(level)}`);

export const DEBT_READ_ONLY = msg("company.debt_read_only");

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
    const fields: FieldErrors = {};
    if (company.supplierId !== null) fields.supplier_id = [msg("company.factory_has_no_supplier")];
    if (company.debt !== undefined && !isZeroMoney(company.debt)) {
      fields.debt = [msg("company.factory_owes_nothing")];
    }
    return Object.keys(fields).length ? badRequest(msg("company.factory_heads_chain"), fields) : undefined;
  }
  const wanted = levelWords(company.level - 1);
  const oneLevelUp = msg("company.supplier_one_level_up", { wanted });
  if (company.supplierId === null) {
    return badRequest(msg("company.needs_supplier", { level: levelWords(company.level) }), {
      supplier_id: [msg("company.supplier_required", { wanted })],
    });
  }
  if (company.supplierId === company.id) {
    return badRequest(msg("company.cannot_supply_itself"), { supplier_id: [oneLevelUp] });
  }
  if (!supplier) {
    return badRequest(msg("company.supplier_missing"), {
      supplier_id: [msg("company.supplier_missing_field", { id: company.supplierId, wanted })],
    });
  }
  if (supplier.level !== company.level - 1) {
    return badRequest(msg("company.supplier_wrong_level"), {
      supplier_id: [
        msg("company.supplier_wrong_level_field", {
          wanted,
          id: supplier.id,
          actual: levelWords(supplier.level),
        }),
      ],
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
  const params = { name: company.name, count: clients };
  return change === "delete"
    ? conflict(msg("company.supplies_others_delete", params))
    : conflict(msg("company.supplies_others_level", params), { level: [msg("company.level_locked")] });
}

export const unknownProductsError = (ids: number[]) =>
  badRequest(msg("company.products_missing"), {
    product_ids: [msg("company.products_missing_field", { ids: ids.join(", ") })],
  });
