import { type Theme, useMediaQuery } from "@mui/material";
import {
  BooleanField,
  CreateButton,
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  useTranslate,
} from "react-admin";
import { fullName } from "../employees/fields";
import { LocalDateField } from "../shared/fields";
import { yesNoChoices } from "../shared/format";
import type { StaffUser } from "../types";
import { ResendStaffInviteButton, ToggleActiveButton } from "./StaffButtons";

const STATUS = yesNoChoices("resources.staff.status.active", "resources.staff.status.deactivated");

/** A hook, because the search placeholder is shown as it is given: it is translated here. */
function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" placeholder={translate("resources.staff.search")} alwaysOn />,
    <SelectInput key="is_active" source="is_active" label="resources.staff.fields.status" choices={STATUS} />,
  ];
}

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

export function StaffList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const translate = useTranslate();
  return (
    <List
      filters={useFilters()}
      sort={{ field: "email", order: "ASC" }}
      actions={<ListActions />}
      perPage={25}
    >
      {isSmall ? (
        <SimpleList<StaffUser>
          primaryText={(user) => user.email}
          secondaryText={fullName}
          tertiaryText={(user) => (user.is_active ? "" : translate("resources.staff.status.deactivated"))}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          <TextField source="email" />
          <FunctionField<StaffUser> source="full_name" render={fullName} sortBy="last_name" />
          <BooleanField source="is_active" sortable={false} />
          <BooleanField source="registered" sortable={false} />
          <LocalDateField source="last_login_at" showTime emptyText="resources.staff.never_logged_in" />
          <ResendStaffInviteButton />
          <ToggleActiveButton />
        </Datagrid>
      )}
    </List>
  );
}
