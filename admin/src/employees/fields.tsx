import { useFieldValue, useTranslate } from "react-admin";
import type { Employee } from "../types";

export const fullName = (employee: Pick<Employee, "first_name" | "last_name">) =>
  [employee.first_name, employee.last_name].filter(Boolean).join(" ");

/** An invitation's status as a word; "—" for an employee with none (an account created without one). */
export function InvitationField(props: { source: string; label?: string; sortable?: boolean }) {
  const invitation: Employee["invitation"] | undefined = useFieldValue(props);
  const translate = useTranslate();
  return <span>{invitation ? translate(`resources.employees.invitation.${invitation.status}`) : "—"}</span>;
}
