import type { ConstraintError } from "../http/errors.js";

/**
 * The database is the judge of a duplicate email and of an unknown company (no check-then-insert race); these
 * are its refusals of an employee write, naming the field.
 */
export const employeeConstraints: ConstraintError[] = [
  {
    constraint: "users_email_lower_key",
    status: 409,
    message: "employee.email_taken",
    fields: ["email"],
  },
  {
    constraint: "users_company_id_companies_id_fk",
    status: 400,
    message: "employee.company_missing",
    fields: ["company_id"],
    fieldMessage: "employee.company_missing_field",
  },
];
