import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  email,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  TopToolbar,
  useNotify,
  useRedirect,
} from "react-admin";
import type { Employee } from "../types";
import { ResendInviteButton } from "./ResendInviteButton";

/** The inputs after the email that inviting and editing an employee share. */
const NameAndCompanyInputs = () => (
  <>
    <TextInput source="first_name" />
    <TextInput source="last_name" />
    <ReferenceInput source="company_id" reference="companies">
      <AutocompleteInput optionText="name" validate={required()} />
    </ReferenceInput>
  </>
);

const EditActions = () => (
  <TopToolbar>
    <ResendInviteButton />
  </TopToolbar>
);

export const EmployeeEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm>
      <TextInput source="email" validate={[required(), email()]} />
      <NameAndCompanyInputs />
      <BooleanInput source="is_active" helperText="resources.employees.hints.is_active" />
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
          notify("resources.employees.invited", { type: "success", messageArgs: { email: employee.email } });
          redirect("list", "employees");
        },
      }}
    >
      <SimpleForm>
        <TextInput
          source="email"
          validate={[required(), email()]}
          helperText="resources.employees.hints.email"
        />
        <NameAndCompanyInputs />
      </SimpleForm>
    </Create>
  );
};
