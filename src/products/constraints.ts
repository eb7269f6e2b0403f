import type { ConstraintError } from "../http/errors.js";

/** The products table's rules, as the API answers a write the database refuses. */
export const productConstraints: ConstraintError[] = [
  {
    // Named on both fields, as DRF's unique_together does.
    constraint: "products_name_model_key",
    status: 409,
    message: "A product with this name and model already exists.",
    fields: ["name", "model"],
  },
  {
    constraint: "products_name_not_blank",
    status: 400,
    message: "The name is blank.",
    fields: ["name"],
    fieldMessage: "Must not be blank.",
  },
];
