import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  email,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  useLocale,
  useNotify,
  useRedirect,
} from "react-admin";
import { HistoryButton } from "../audit/HistoryButton";
import { isUserLanguage, LANGUAGE_CHOICES } from "../shared/format";
import { useReturnTo } from "../shared/navigation";
import type { Employee } from "../types";
import { ResendInviteButton } from "./ResendInviteButton";

/** The inputs after the email that inviting and editing an employee share. */
const EmployeeInputs = ({ defaultLanguage }: { defaultLanguage?: string }) => (
  <>
    <TextInput source="first_name" />
    <TextInput source="last_name" />
    <ReferenceInput source="company_id" reference="companies">
      <AutocompleteInput optionText="name" validate={required()} />
    </ReferenceInput>
    <SelectInput
      source="language"
      choices={LANGUAGE_CHOICES}
      defaultValue={defaultLanguage}
      validate={required()}
      helperText="resources.employees.hints.language"
    />
  </>
);

const EditActions = () => (
  <TopToolbar>
    <ResendInviteButton />
    <HistoryButton />
  </TopToolbar>
);

export const EmployeeEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm>
      <TextInput source="email" validate={[required(), email()]} />
      <EmployeeInputs />
      <BooleanInput source="is_active" helperText="resources.employees.hints.is_active" />
    </SimpleForm>
  </Edit>
);

export const EmployeeCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  // An invitee's emails are in the inviting staff member's language unless they choose another.
  const locale = useLocale();
  const back = useReturnTo();
  return (
    <Create
      mutationOptions={{
        onSuccess: (employee: Employee) => {
          notify("resources.employees.invited", { type: "success", messageArgs: { email: employee.email } });
          redirect(back ?? "list", "employees");
        },
      }}
    >
      <SimpleForm>
        <TextInput
          source="email"
          validate={[required(), email()]}
          helperText="resources.employees.hints.email"
        />
        <EmployeeInputs defaultLanguage={isUserLanguage(locale) ? locale : undefined} />
      </SimpleForm>
    </Create>
  );
};
