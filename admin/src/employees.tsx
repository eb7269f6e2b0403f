import MailIcon from "@mui/icons-material/Mail";
import { type Theme, useMediaQuery } from "@mui/material";
import { useState } from "react";
import {
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  Button,
  Create,
  Datagrid,
  DateField,
  Edit,
  email,
  FunctionField,
  Link,
  List,
  ReferenceInput,
  required,
  SearchInput,
  SelectInput,
  SimpleForm,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
} from "react-admin";
import type { SupplynetDataProvider } from "./dataProvider";
import { yesNoChoices } from "./format";

interface Employee {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  company: { id: number; name: string; level: string };
  is_active: boolean;
  invitation: { status: "pending" | "accepted" | "expired"; expires_at: string } | null;
}

const fullName = (employee: Employee) => [employee.first_name, employee.last_name].filter(Boolean).join(" ");

export function ResendInviteButton() {
  const employee = useRecordContext<Employee>();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  if (!employee || employee.invitation?.status === "accepted") return null;
  const resend = async (event: React.MouseEvent) => {
    event.stopPropagation();
    setSending(true);
    try {
      await dataProvider.resendInvite(employee.id);
      notify(`A new invitation is on its way to ${employee.email}`, { type: "success" });
    } catch (error) {
      notify((error as Error).message, { type: "error" });
    } finally {
      setSending(false);
    }
  };
  return (
    <Button label="Resend invitation" onClick={resend} disabled={sending}>
      <MailIcon />
    </Button>
  );
}

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

function CompanyLink() {
  const employee = useRecordContext<Employee>();
  if (!employee?.company) return null;
  return (
    <Link
      to={`/companies/${employee.company.id}`}
      onClick={(event: React.MouseEvent) => event.stopPropagation()}
    >
      {employee.company.name}
    </Link>
  );
}

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
          <CompanyLink />
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

const EditActions = () => (
  <TopToolbar>
    <ResendInviteButton />
  </TopToolbar>
);

export const EmployeeEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm>
      <TextInput source="email" validate={[required(), email()]} />
      <TextInput source="first_name" />
      <TextInput source="last_name" />
      <ReferenceInput source="company_id" reference="companies">
        <AutocompleteInput label="Company" optionText="name" validate={required()} />
      </ReferenceInput>
      <BooleanInput
        source="is_active"
        label="Active"
        helperText="A deactivated employee can no longer log in; their tokens stop working at once."
      />
    </SimpleForm>
  </Edit>
);

export const EmployeeCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (employee: Employee) => {
          notify(`Invitation sent to ${employee.email}`, { type: "success" });
          redirect("list", "employees");
        },
      }}
    >
      <SimpleForm>
        <TextInput source="email" validate={[required(), email()]} helperText="The invitation goes here." />
        <TextInput source="first_name" />
        <TextInput source="last_name" />
        <ReferenceInput source="company_id" reference="companies">
          <AutocompleteInput label="Company" optionText="name" validate={required()} />
        </ReferenceInput>
      </SimpleForm>
    </Create>
  );
};
