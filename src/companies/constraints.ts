import type { ConstraintError } from "../http/errors.js";

/**
 * The companies table's rules as the API states them when the database refuses a write: the service's checks
 * (rules.ts) say the same first, and these answer a concurrent change that slipped past them.
 */
export const companyConstraints: ConstraintError[] = [
  {
    constraint: "companies_supplier_fk",
    status: 400,
    message: "The supplier does not exist or is not one level up.",
    fields: ["supplier_id"],
    fieldMessage: "Must be an existing company one level up.",
  },
  {
    constraint: "companies_supplier_fk",
    referenced: true,
    status: 409,
    message: "The company supplies others; reassign or delete them first.",
  },
  {
    constraint: "companies_factory_has_no_supplier",
    status: 400,
    message: "Only a factory has no supplier.",
    fields: ["supplier_id"],
    fieldMessage: "A factory has none; every other level needs one.",
  },
  {
    constraint: "companies_factory_has_no_debt",
    status: 400,
    message: "A factory heads the chain.",
    fields: ["debt"],
    fieldMessage: "A factory never owes anything.",
  },
  {
    constraint: "company_products_product_id_products_id_fk",
    status: 400,
    message: "Some products do not exist.",
    fields: ["product_ids"],
    fieldMessage: "Unknown product id.",
  },
  {
    constraint: "companies_name_not_blank",
    status: 400,
    message: "The name is blank.",
    fields: ["name"],
    fieldMessage: "Must not be blank.",
  },
];
