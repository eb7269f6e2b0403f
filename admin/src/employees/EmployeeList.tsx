import { type Theme, useMediaQuery } from "@mui/material";
import {
  AutocompleteInput,
  BooleanField,
  CreateButton,
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  useTranslate,
} from "react-admin";
import { ExportCsvButton } from "../shared/ExportCsvButton";
import { CompanyField, LocalDateField } from "../shared/fields";
import { yesNoChoices } from "../shared/format";
import { ListPagination } from "../shared/ListPagination";
import type { Employee } from "../types";
import { fullName, InvitationField } from "./fields";
import { ResendInviteButton } from "./ResendInviteButton";

const STATUS = yesNoChoices("resources.employees.status.active", "resources.employees.status.deactivated");

/** A hook, because the search placeholder is shown as it is given: it is translated here. */
function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" placeholder={translate("resources.employees.search")} alwaysOn />,
    <ReferenceInput key="company" source="company" reference="companies">
      <AutocompleteInput optionText="name" />
    </ReferenceInput>,
    <SelectInput
      key="is_active"
      source="is_active"
      label="resources.employees.fields.status"
      choices={STATUS}
    />,
  ];
}

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ExportCsvButton />
  </TopToolbar>
);

export function EmployeeList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const translate = useTranslate();
  return (
    <List
      filters={useFilters()}
      sort={{ field: "email", order: "ASC" }}
      actions={<ListActions />}
      perPage={25}
      pagination={<ListPagination />}
    >
      {isSmall ? (
        <SimpleList<Employee>
          primaryText={(employee) => employee.email}
          secondaryText={(employee) => employee.company?.name}
          tertiaryText={(employee) =>
            employee.is_active ? "" : translate("resources.employees.deactivated")
          }
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="email" />
          <FunctionField<Employee> source="full_name" render={fullName} sortBy="last_name" />
          <CompanyField source="company" sortable={false} />
          <BooleanField source="is_active" sortable={false} />
          <InvitationField source="invitation" sortable={false} />
          <LocalDateField source="last_login_at" showTime emptyText="resources.employees.never_logged_in" />
          <ResendInviteButton />
        </Datagrid>
      )}
    </List>
  );
}
