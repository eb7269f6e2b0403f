import {
  BooleanInput,
  Create,
  Edit,
  email,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useLocale,
  useNotify,
  useRedirect,
} from "react-admin";
import { HistoryButton } from "../audit/HistoryButton";
import { isUserLanguage, LANGUAGE_CHOICES } from "../shared/format";
import type { StaffUser } from "../types";
import { ResendStaffInviteButton } from "./StaffButtons";

/** The inputs after the email that inviting and editing a staff user share. */
const StaffInputs = ({ defaultLanguage }: { defaultLanguage?: string }) => (
  <>
    <TextInput source="first_name" />
    <TextInput source="last_name" />
    <SelectInput
      source="language"
      choices={LANGUAGE_CHOICES}
      defaultValue={defaultLanguage}
      validate={required()}
      helperText="resources.staff.hints.language"
    />
  </>
);

const EditActions = () => (
  <TopToolbar>
    <ResendStaffInviteButton />
    <HistoryButton />
  </TopToolbar>
);

/** Staff users are deactivated, never deleted: the API has no such route. */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** The email is the login and stays as invited: the API takes no new one. */
export const StaffEdit = () => (
  <Edit mutationMode="pessimistic" actions={<EditActions />}>
    <SimpleForm toolbar={<EditToolbar />}>
      <TextInput source="email" disabled />
      <StaffInputs />
      <BooleanInput source="is_active" helperText="resources.staff.hints.is_active" />
    </SimpleForm>
  </Edit>
);

export const StaffCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  // An invitee's emails are in the inviting staff user's language unless they choose another.
  const locale = useLocale();
  return (
    <Create
      mutationOptions={{
        onSuccess: (user: StaffUser) => {
          notify("resources.staff.invited", { type: "success", messageArgs: { email: user.email } });
          redirect("list", "staff");
        },
      }}
    >
      <SimpleForm>
        <TextInput source="email" validate={[required(), email()]} helperText="resources.staff.hints.email" />
        <StaffInputs defaultLanguage={isUserLanguage(locale) ? locale : undefined} />
      </SimpleForm>
    </Create>
  );
};
