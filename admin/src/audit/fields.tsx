import { Link, useGetOne, useGetRecordRepresentation, useRecordContext, useTranslate } from "react-admin";
import { useFormats, useLevelLabel } from "../shared/format";
import type { AuditEntry, Level } from "../types";
import { AUDIT_LOG, actionKey, objectTypeKey, resourceOfType, sourceKey } from "./objects";

// Datagrid reads label, source and sortable from its columns' props to draw and sort the headers.
interface ColumnProps {
  source: string;
  label?: string;
  sortable?: boolean;
}

export function ActionField(_props: ColumnProps) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  return entry ? <span>{translate(actionKey(entry.action))}</span> : null;
}

export function SourceField(_props: ColumnProps) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  return entry ? <span>{translate(sourceKey(entry.source))}</span> : null;
}

/**
 * An object's type in words and the object by its name, linked to its page while it exists; a deleted one (or
 * a type with no page, such as a task) by its id. One request per object, as a getMany would make too, but a
 * deleted object's 404 leaves the others' links.
 */
export function ObjectLabel({ type, id, link = true }: { type: string; id: string | null; link?: boolean }) {
  const translate = useTranslate();
  const resource = resourceOfType(type);
  const linked = resource !== undefined && id !== null;
  const { data: object } = useGetOne(
    resource ?? "companies",
    { id: Number(id) },
    // A 404 is the answer (the object is gone), not a failure to try again.
    { enabled: linked, retry: false },
  );
  const representation = useGetRecordRepresentation(resource ?? "companies");
  const name = object ? representation(object) : id !== null ? `#${id}` : null;
  return (
    <span>
      {translate(objectTypeKey(type))}{" "}
      {object && link ? <Link to={`/${resource}/${object.id}`}>{name}</Link> : name}
    </span>
  );
}

export function ObjectField(_props: ColumnProps) {
  const entry = useRecordContext<AuditEntry>();
  return entry ? <ObjectLabel type={entry.object_type} id={entry.object_id} /> : null;
}

/** The changes' and details' fields that hold an amount of money. */
const MONEY = new Set(["debt", "written_off", "total_change"]);

/** A recorded value as the admin shows it elsewhere: money, levels, languages and yes/no in words. */
function useValueText() {
  const translate = useTranslate();
  const { money, dateTime } = useFormats();
  const levelLabel = useLevelLabel();
  const text = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return translate(`ra.boolean.${value}`);
    if (Array.isArray(value)) return value.length ? value.map((item) => text(field, item)).join(", ") : "—";
    if (MONEY.has(field)) return money(String(value));
    if (field === "slot") return dateTime(String(value));
    if (field === "level") return levelLabel(value as Level);
    if (field === "language") return translate(`app.languages.${value}`);
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  };
  return text;
}

/** Each changed field by its label, before → after. */
export function ChangesField(_props: ColumnProps) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  const text = useValueText();
  const resource = entry ? resourceOfType(entry.object_type) : undefined;
  const changes = Object.entries(entry?.changes ?? {});
  if (!entry || changes.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
      {changes.map(([field, [before, after]]) => (
        <li key={field}>
          {resource ? translate(`resources.${resource}.fields.${field}`) : field}: {text(field, before)} →{" "}
          {text(field, after)}
        </li>
      ))}
    </ul>
  );
}

/** What an action records besides changes (a created object's name, a clearing's counts, a run's totals). */
export function DetailsField(_props: ColumnProps) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  const text = useValueText();
  const details = Object.entries(entry?.details ?? {});
  if (details.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
      {details.map(([key, value]) => (
        <li key={key}>
          {translate(`resources.${AUDIT_LOG}.details.${key}`)}: {text(key, value)}
        </li>
      ))}
    </ul>
  );
}
