import { Link, useFieldValue } from "react-admin";
import type { Company } from "../types";
import { formatMoney, levelLabel } from "./format";

// Datagrid reads label, source and sortable from its columns' props to draw and sort the headers.
interface ColumnProps {
  source: string;
  label?: string;
  sortable?: boolean;
  textAlign?: "left" | "right";
}

export function MoneyField(props: ColumnProps) {
  const value: string | null | undefined = useFieldValue(props);
  return <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatMoney(value)}</span>;
}

export function LevelField(props: ColumnProps) {
  const level: string | undefined = useFieldValue(props);
  return <span>{levelLabel(level)}</span>;
}

/** The company that `source` names as {id, name} (a supplier, an employee's company), linked to its page. */
export function CompanyField(props: ColumnProps) {
  const company: Pick<Company, "id" | "name"> | null | undefined = useFieldValue(props);
  if (!company) return <span>—</span>;
  return (
    // In a list row: the click opens this company, not the row's record.
    <Link to={`/companies/${company.id}`} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      {company.name}
    </Link>
  );
}
