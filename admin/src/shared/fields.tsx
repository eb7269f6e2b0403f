import { DateField, type DateFieldProps, Link, useFieldValue, useLocale } from "react-admin";
import type { Company, Level } from "../types";
import { useFormats, useLevelLabel } from "./format";

// Datagrid reads label, source and sortable from its columns' props to draw and sort the headers.
interface ColumnProps {
  source: string;
  label?: string;
  sortable?: boolean;
  textAlign?: "left" | "right";
}

export function MoneyField(props: ColumnProps) {
  const value: string | null | undefined = useFieldValue(props);
  const { money } = useFormats();
  return <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>{money(value)}</span>;
}

export function LevelField(props: ColumnProps) {
  const level: Level | undefined = useFieldValue(props);
  const levelLabel = useLevelLabel();
  return <span>{level ? levelLabel(level) : ""}</span>;
}

/** A company's name, linked to its page. */
export function CompanyLink({ company }: { company: Pick<Company, "id" | "name"> }) {
  return (
    // In a list row: the click opens this company, not the row's record.
    <Link to={`/companies/${company.id}`} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      {company.name}
    </Link>
  );
}

/** The company that `source` names as {id, name} (a supplier, an employee's company), linked to its page. */
export function CompanyField(props: ColumnProps) {
  const company: Pick<Company, "id" | "name"> | null | undefined = useFieldValue(props);
  return company ? <CompanyLink company={company} /> : <span>—</span>;
}

/**
 * react-admin's DateField in the language shown. A calendar date ("2024-01-31") is read as UTC midnight, so it
 * is shown in UTC too: in the user's zone west of Greenwich it would be the day before.
 */
export function LocalDateField({ calendarDate, ...props }: DateFieldProps & { calendarDate?: boolean }) {
  return (
    <DateField locales={useLocale()} options={calendarDate ? { timeZone: "UTC" } : undefined} {...props} />
  );
}
