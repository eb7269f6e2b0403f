import { type Theme, useMediaQuery } from "@mui/material";
import {
  AutocompleteInput,
  BooleanField,
  Datagrid,
  DateField,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
} from "react-admin";
import { CompanyField } from "../shared/fields";
import { yesNoChoices } from "../shared/format";
import type { Employee } from "../types";
import { ResendInviteButton } from "./ResendInviteButton";

const fullName = (employee: Employee) => [employee.first_name, employee.last_name].filter(Boolean).join(" ");

const filters = [
  <SearchInput key="q" source="q" placeholder="Email or name" alwaysOn />,
  <ReferenceInput key="company" source="company" reference="companies">
    <AutocompleteInput label="Company" optionText="name" />
  </ReferenceInput>,
  <SelectInput
    key="is_active"
    source="is_active"
    label="Status"
    choices={yesNoChoices("Active", "Deactivated")}
  />,
];

export function EmployeeList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  return (
    <List filters={filters} sort={{ field: "email", order: "ASC" }} perPage={25}>
      {isSmall ? (
        <SimpleList<Employee>
          primaryText={(employee) => employee.email}
          secondaryText={(employee) => employee.company?.name}
          tertiaryText={(employee) => (employee.is_active ? "" : "deactivated")}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="email" />
          <FunctionField<Employee> label="Name" render={fullName} sortBy="last_name" />
          <CompanyField source="company" label="Company" sortable={false} />
          <BooleanField source="is_active" label="Active" sortable={false} />
          <FunctionField<Employee>
            label="Invitation"
            render={(employee) => employee.invitation?.status ?? "—"}
          />
          <DateField source="last_login_at" label="Last login" showTime emptyText="never" />
          <ResendInviteButton />
        </Datagrid>
      )}
    </List>
  );
}
