import { type Theme, useMediaQuery } from "@mui/material";
import {
  AutocompleteInput,
  Datagrid,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useTranslate,
} from "react-admin";
import { LocalDateField } from "../shared/fields";
import { useFormats } from "../shared/format";
import type { AuditEntry, AuditLogFilter } from "../types";
import { ActionField, ChangesField, DetailsField, ObjectField, ObjectLabel, SourceField } from "./fields";
import { ACTION_CHOICES, actionKey, OBJECT_TYPE_CHOICES, objectTypeKey, SOURCE_CHOICES } from "./objects";

/** A filter's source: one of the list's query parameters, so the compiler refuses one the API lacks. */
const param = (source: AuditLogFilter) => source;

/** Who, what, which object and when: the first two always shown, the rest under "Add filter" (or a History link). */
const FILTERS = [
  <ReferenceInput
    key="actor_id"
    source={param("actor_id")}
    reference="staff"
    sort={{ field: "email", order: "ASC" }}
    alwaysOn
  >
    <AutocompleteInput optionText="email" sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="action" source={param("action")} choices={ACTION_CHOICES} alwaysOn />,
  <SelectInput key="object_type" source={param("object_type")} choices={OBJECT_TYPE_CHOICES} />,
  <TextInput key="object_id" source={param("object_id")} />,
  <DateInput key="date_from" source={param("date_from")} />,
  <DateInput key="date_to" source={param("date_to")} />,
  <SelectInput key="source" source={param("source")} choices={SOURCE_CHOICES} />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

/** "History: Company Acme" when the log is narrowed to one object, as Django admin titles it. */
function AuditLogTitle() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const { object_type: type, object_id: id } = filterValues as Partial<Record<AuditLogFilter, string>>;
  if (!type || !id) return <span>{translate("resources.audit_log.name", { smart_count: 2 })}</span>;
  return (
    <span>
      {translate("resources.audit_log.history")}: <ObjectLabel type={type} id={id} link={false} />
    </span>
  );
}

/** Read-only: entries are written by the server as staff act, and never changed. */
export function AuditLogList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const translate = useTranslate();
  const { dateTime } = useFormats();
  return (
    <List
      filters={FILTERS}
      title={<AuditLogTitle />}
      // Not remembered: after an object's History, the menu's Audit log is the whole log again, not that object's.
      storeKey={false}
      sort={{ field: "at", order: "DESC" }}
      actions={<ListActions />}
      exporter={false}
      perPage={25}
    >
      {isSmall ? (
        <SimpleList<AuditEntry>
          primaryText={(entry) =>
            `${translate(actionKey(entry.action))} · ${translate(objectTypeKey(entry.object_type))} ${entry.object_id ? `#${entry.object_id}` : ""}`
          }
          secondaryText={(entry) => entry.actor_label}
          tertiaryText={(entry) => dateTime(entry.at)}
          rowClick={false}
        />
      ) : (
        <Datagrid rowClick={false} bulkActionButtons={false}>
          <LocalDateField source="at" showTime />
          <TextField source="actor_label" sortable={false} />
          <SourceField source="source" sortable={false} />
          <TextField source="ip" sortable={false} emptyText="—" />
          <ObjectField source="object" sortable={false} />
          <ActionField source="action" sortable={false} />
          <ChangesField source="changes" sortable={false} />
          <DetailsField source="details" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}
