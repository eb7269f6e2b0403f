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
  DateField,
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
} from "react-admin";
import { useFormContext, useWatch } from "react-hook-form";
import { MoneyField } from "../shared/fields";
import { LEVEL_CHOICES, LEVEL_LABELS, levelLabel, supplierLevelOf } from "../shared/format";
import type { Level } from "../types";

const MONEY = regex(/^\d{1,13}(\.\d{1,2})?$/, "A sum like 1234.56: up to 13 digits and 2 decimals.");

/** Offers only companies one level up, as the data model requires; a factory has no supplier at all. */
function SupplierInput() {
  const level = useWatch({ name: "level" }) as Level | undefined;
  const { setValue, getValues } = useFormContext();
  const supplierLevel = supplierLevelOf(level);

  useEffect(() => {
    if (level === "factory" && getValues("supplier_id") !== null) {
      setValue("supplier_id", null, { shouldDirty: true });
    }
  }, [level, getValues, setValue]);

  if (!level) {
    return <Typography variant="body2">Choose the level first: the supplier is one level up.</Typography>;
  }
  if (!supplierLevel) {
    return (
      <Typography variant="body2">
        A factory is the top of the chain: it has no supplier and no debt.
      </Typography>
    );
  }
  return (
    <ReferenceInput
      source="supplier_id"
      reference="companies"
      filter={{ level: supplierLevel }}
      sort={{ field: "name", order: "ASC" }}
    >
      <AutocompleteInput
        label="Supplier"
        optionText="name"
        validate={required("A company below factory level needs a supplier.")}
        helperText={`Only a ${LEVEL_LABELS[supplierLevel].toLowerCase()} can supply a ${levelLabel(level).toLowerCase()}: a supplier is always exactly one level up the chain.`}
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
        helperText="A company that supplies others cannot change its level."
      />
      <SupplierInput />
      <TextInput source="country" validate={required()} />
      <TextInput source="city" validate={required()} />
      <TextInput source="street" validate={required()} />
      <TextInput source="house_number" label="House number" validate={required()} />
      <ReferenceArrayInput source="product_ids" reference="products" sort={{ field: "name", order: "ASC" }}>
        {/* No optionText: in a reference input it is the products resource's recordRepresentation, name and model. */}
        <AutocompleteArrayInput label="Products" fullWidth />
      </ReferenceArrayInput>
    </>
  );
}

function EmployeesOfCompany() {
  const company = useRecordContext();
  if (!company) return null;
  return (
    <Box sx={{ width: "100%", mt: 2 }}>
      <Typography variant="subtitle1">Employees</Typography>
      <ReferenceManyField reference="employees" target="company" perPage={25}>
        <Datagrid rowClick="edit" bulkActionButtons={false} empty={<span>No employees yet.</span>}>
          <TextField source="email" />
          <FunctionField
            label="Name"
            render={(employee) => [employee.first_name, employee.last_name].filter(Boolean).join(" ")}
          />
          <BooleanField source="is_active" label="Active" />
          <FunctionField label="Invitation" render={(employee) => employee.invitation?.status ?? "—"} />
        </Datagrid>
      </ReferenceManyField>
      <CreateButton
        resource="employees"
        label="Invite an employee"
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
      <Labeled label="Debt (changes only by clearing debt and the scheduled jobs)">
        <MoneyField source="debt" />
      </Labeled>
      <Labeled label="Created">
        <DateField source="created_at" showTime />
      </Labeled>
    </>
  );
}

const EditToolbar = () => (
  <Toolbar sx={{ display: "flex", justifyContent: "space-between" }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle="Delete this company?"
      confirmContent="A company that supplies others cannot be deleted; the server will say so."
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
          label="Opening debt"
          validate={MONEY}
          helperText="Owed to the supplier, e.g. 1234.56. Read-only after creation; a factory has none."
        />
      </SimpleForm>
    </Create>
  );
}
