import PersonAddIcon from "@mui/icons-material/PersonAdd";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useEffect } from "react";
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanField,
  Create,
  CreateButton,
  Datagrid,
  DeleteButton,
  Edit,
  email,
  FunctionField,
  Labeled,
  ReferenceArrayInput,
  ReferenceInput,
  ReferenceManyField,
  regex,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { useFormContext, useWatch } from "react-hook-form";
import { fullName, InvitationField } from "../employees/fields";
import { LocalDateField, MoneyField } from "../shared/fields";
import { LEVEL_CHOICES, supplierLevelOf } from "../shared/format";
import type { Employee, Level } from "../types";

const HINTS = "resources.companies.hints";

const MONEY = regex(/^\d{1,13}(\.\d{1,2})?$/, `${HINTS}.money`);

/** Russian writes a decimal comma: "1234,56" is taken as 1234.56, the API's form. */
const decimalPoint = (value: string) => value.replace(",", ".");

/** Offers only companies one level up, as the data model requires; a factory has no supplier at all. */
function SupplierInput() {
  const level = useWatch({ name: "level" }) as Level | undefined;
  const { setValue, getValues } = useFormContext();
  const supplierLevel = supplierLevelOf(level);
  const translate = useTranslate();

  useEffect(() => {
    if (level === "factory" && getValues("supplier_id") !== null) {
      setValue("supplier_id", null, { shouldDirty: true });
    }
  }, [level, getValues, setValue]);

  if (!level) {
    return <Typography variant="body2">{translate(`${HINTS}.choose_level_first`)}</Typography>;
  }
  if (!supplierLevel) {
    return <Typography variant="body2">{translate(`${HINTS}.factory`)}</Typography>;
  }
  return (
    <ReferenceInput
      source="supplier_id"
      reference="companies"
      filter={{ level: supplierLevel }}
      sort={{ field: "name", order: "ASC" }}
    >
      <AutocompleteInput
        optionText="name"
        validate={required(`${HINTS}.supplier_required`)}
        helperText={`${HINTS}.supplier.${level}`}
        fullWidth
      />
    </ReferenceInput>
  );
}

function CompanyFields() {
  return (
    <>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput source="email" validate={[required(), email()]} fullWidth />
      <SelectInput
        source="level"
        choices={LEVEL_CHOICES}
        validate={required()}
        helperText={`${HINTS}.level`}
      />
      <SupplierInput />
      <TextInput source="country" validate={required()} />
      <TextInput source="city" validate={required()} />
      <TextInput source="street" validate={required()} />
      <TextInput source="house_number" validate={required()} />
      <ReferenceArrayInput source="product_ids" reference="products" sort={{ field: "name", order: "ASC" }}>
        {/* No optionText: in a reference input it is the products resource's recordRepresentation, name and model. */}
        <AutocompleteArrayInput fullWidth />
      </ReferenceArrayInput>
    </>
  );
}

function EmployeesOfCompany() {
  const company = useRecordContext();
  const translate = useTranslate();
  if (!company) return null;
  return (
    <Box sx={{ width: "100%", mt: 2 }}>
      <Typography variant="subtitle1">{translate("resources.companies.employees.title")}</Typography>
      <ReferenceManyField reference="employees" target="company" perPage={25}>
        <Datagrid
          rowClick="edit"
          bulkActionButtons={false}
          empty={<span>{translate("resources.companies.employees.empty")}</span>}
        >
          <TextField source="email" />
          <FunctionField<Employee> source="full_name" render={fullName} sortable={false} />
          <BooleanField source="is_active" />
          <InvitationField source="invitation" sortable={false} />
        </Datagrid>
      </ReferenceManyField>
      <CreateButton
        resource="employees"
        label="resources.companies.employees.invite"
        icon={<PersonAddIcon />}
        state={{ record: { company_id: company.id } }}
      />
    </Box>
  );
}

function ReadOnlyFacts() {
  const company = useRecordContext();
  if (!company) return null;
  return (
    <>
      <Labeled label="resources.companies.fields.debt_read_only">
        <MoneyField source="debt" />
      </Labeled>
      <Labeled>
        <LocalDateField source="created_at" showTime />
      </Labeled>
    </>
  );
}

const EditToolbar = () => (
  <Toolbar sx={{ display: "flex", justifyContent: "space-between" }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle="resources.companies.delete.title"
      confirmContent="resources.companies.delete.content"
    />
  </Toolbar>
);

export function CompanyEdit() {
  // Pessimistic, so that the server's field errors come back into the form and a 409 on delete is shown.
  return (
    <Edit mutationMode="pessimistic">
      <SimpleForm toolbar={<EditToolbar />} warnWhenUnsavedChanges>
        <ReadOnlyFacts />
        <CompanyFields />
        <EmployeesOfCompany />
      </SimpleForm>
    </Edit>
  );
}

export function CompanyCreate() {
  return (
    <Create redirect="edit">
      <SimpleForm>
        <CompanyFields />
        <TextInput
          source="debt"
          label="resources.companies.fields.opening_debt"
          validate={MONEY}
          parse={decimalPoint}
          helperText={`${HINTS}.opening_debt`}
        />
      </SimpleForm>
    </Create>
  );
}
