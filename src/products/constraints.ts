import type { ConstraintError } from "../http/errors.js";

/** The products table's rules, as the API answers a write the database refuses. */
export const productConstraints: ConstraintError[] = [
  {
    // Named on both fields, as DRF's unique_together does.
    constraint: "products_name_model_key",
    status: 409,
    message: "product.duplicate",
    fields: ["name", "model"],
  },
  {
    constraint: "products_name_not_blank",
    status: 400,
    message: "product.name_blank",
    fields: ["name"],
    fieldMessage: "field.not_blank",
  },
];
