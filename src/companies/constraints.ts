import type { ConstraintError } from "../http/errors.js";

/**
 * The companies table's rules as the API states them when the database refuses a write: the service's checks
 * (rules.ts) say the same first, and these answer a concurrent change that slipped past them.
 */
export const companyConstraints: ConstraintError[] = [
  {
    constraint: "companies_supplier_fk",
    status: 400,
    message: "company.supplier_gone_or_wrong_level",
    fields: ["supplier_id"],
    fieldMessage: "company.supplier_fk_field",
  },
  {
    constraint: "companies_supplier_fk",
    referenced: true,
    status: 409,
    message: "company.has_clients",
  },
  {
    constraint: "companies_factory_has_no_supplier",
    status: 400,
    message: "company.only_factory_unsupplied",
    fields: ["supplier_id"],
    fieldMessage: "company.only_factory_unsupplied_field",
  },
  {
    constraint: "companies_factory_has_no_debt",
    status: 400,
    message: "company.factory_heads_chain",
    fields: ["debt"],
    fieldMessage: "company.factory_never_owes",
  },
  {
    constraint: "company_products_product_id_products_id_fk",
    status: 400,
    message: "company.products_missing",
    fields: ["product_ids"],
    fieldMessage: "company.product_unknown",
  },
  {
    constraint: "companies_name_not_blank",
    status: 400,
    message: "company.name_blank",
    fields: ["name"],
    fieldMessage: "field.not_blank",
  },
];
