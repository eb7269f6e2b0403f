import PersonAddIcon from "@mui/icons-material/PersonAdd";
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
  Pagination,
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
  useGetOne,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { useFormContext, useWatch } from "react-hook-form";
import { useParams } from "react-router-dom";
import { HistoryActions } from "../audit/HistoryButton";
import { fullName, InvitationField } from "../employees/fields";
import { ResendInviteButton } from "../employees/ResendInviteButton";
import { CompanyLink, LevelField, LocalDateField, MoneyField } from "../shared/fields";
import { clientLevelOf, LEVEL_CHOICES, supplierLevelOf } from "../shared/format";
import { returnTo } from "../shared/navigation";
import type { Company, Employee, Level } from "../types";
import { DebtHistory } from "./DebtHistory";
import { Inline } from "./Inline";

const HINTS = "resources.companies.hints";

const MONEY = regex(/^\d{1,13}(\.\d{1,2})?$/, `${HINTS}.money`);

/** Russian writes a decimal comma: "1234,56" is taken as 1234.56, the API's form. */
const decimalPoint = (value: string) => value.replace(",", ".");

/**
 * Clears the supplier when the level changes so that it no longer fits: a supplier is exactly one level up, and a
 * factory has none. The supplier's level comes from react-admin's cache (the supplier input has loaded it), so the
 * server never gets a supplier that it would only refuse.
 */
function useClearUnfitSupplier(level: Level | undefined) {
  const supplierId = useWatch({ name: "supplier_id" }) as number | null | undefined;
  const { setValue } = useFormContext();
  const supplierLevel = supplierLevelOf(level);
  const { data: supplier } = useGetOne<Company>(
    "companies",
    { id: supplierId as number },
    { enabled: supplierId != null && supplierLevel !== undefined },
  );
  const unfit =
    supplierLevel === undefined
      ? level !== undefined
      : supplier !== undefined && supplier.level !== supplierLevel;
  useEffect(() => {
    if (supplierId != null && unfit) setValue("supplier_id", null, { shouldDirty: true });
  }, [supplierId, unfit, setValue]);
}

/** Offers only companies one level up, as the data model requires; a factory has no supplier at all. */
function SupplierInput() {
  const level = useWatch({ name: "level" }) as Level | undefined;
  const supplierLevel = supplierLevelOf(level);
  const translate = useTranslate();
  useClearUnfitSupplier(level);

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

/** The companies this one supplies, each linked to its page; none for the level at the end of the chain. */
function ClientsOfCompany() {
  const company = useRecordContext<Company>();
  const translate = useTranslate();
  if (!company || !clientLevelOf(company.level)) return null;
  return (
    <Inline title="resources.companies.clients.title">
      <ReferenceManyField
        reference="companies"
        target="supplier"
        sort={{ field: "name", order: "ASC" }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
      >
        <Datagrid
          rowClick="edit"
          bulkActionButtons={false}
          empty={<span>{translate("resources.companies.clients.empty")}</span>}
        >
          <FunctionField<Company> source="name" render={(client) => <CompanyLink company={client} />} />
          <LevelField source="level" sortable={false} />
          <TextField source="city" />
          <MoneyField source="debt" textAlign="right" />
        </Datagrid>
      </ReferenceManyField>
    </Inline>
  );
}

function EmployeesOfCompany() {
  const company = useRecordContext();
  const translate = useTranslate();
  if (!company) return null;
  return (
    <Inline title="resources.companies.employees.title">
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
          <ResendInviteButton />
        </Datagrid>
      </ReferenceManyField>
      <CreateButton
        resource="employees"
        label="resources.companies.employees.invite"
        icon={<PersonAddIcon />}
        state={{ record: { company_id: company.id }, ...returnTo(`/companies/${company.id}`) }}
      />
    </Inline>
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
  // A new form for each company: its links lead from one company's page to another's on the same route, and a
  // form kept across them would keep its submit count, so react-admin would not announce the next refusal.
  const { id } = useParams();
  // Pessimistic, so that the server's field errors come back into the form and a 409 on delete is shown.
  return (
    <Edit key={id} mutationMode="pessimistic" actions={<HistoryActions />}>
      <SimpleForm toolbar={<EditToolbar />} warnWhenUnsavedChanges>
        <ReadOnlyFacts />
        <CompanyFields />
        <ClientsOfCompany />
        <EmployeesOfCompany />
      </SimpleForm>
      {/* Outside the form: its filters are not the company's fields, and Enter in them submits nothing. */}
      <DebtHistory />
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
