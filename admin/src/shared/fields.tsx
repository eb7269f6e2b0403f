import { Link, useRecordContext } from "react-admin";
import { formatMoney, levelLabel } from "./format";

interface CompanyRecord {
  level?: string;
  debt?: string;
  supplier?: { id: number; name: string; level: string } | null;
}

// Datagrid reads label, source and sortable from its columns' props to draw and sort the headers.
interface ColumnProps {
  label?: string;
  source?: string;
  sortable?: boolean;
  textAlign?: "left" | "right";
}

export function MoneyField(_props: ColumnProps) {
  const record = useRecordContext<CompanyRecord>();
  return <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatMoney(record?.debt)}</span>;
}

export function LevelField(_props: ColumnProps) {
  const record = useRecordContext<CompanyRecord>();
  return <span>{levelLabel(record?.level)}</span>;
}

export function SupplierField(_props: ColumnProps) {
  const supplier = useRecordContext<CompanyRecord>()?.supplier;
  if (!supplier) return <span>—</span>;
  return (
    <Link to={`/companies/${supplier.id}`} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      {supplier.name}
    </Link>
  );
}
