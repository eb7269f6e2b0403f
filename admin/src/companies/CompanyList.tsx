import { type Theme, useMediaQuery } from "@mui/material";
import {
  AutocompleteInput,
  BulkActionsToolbar,
  CreateButton,
  Datagrid,
  ExportButton,
  FilterButton,
  List,
  ReferenceInput,
  SearchInput,
  SelectAllButton,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
  useTranslate,
} from "react-admin";
import { CompanyField, LevelField, LocalDateField, MoneyField } from "../shared/fields";
import { LEVEL_CHOICES, useFormats, useLevelLabel, yesNoChoices } from "../shared/format";
import type { CompanyFilter } from "../types";
import { ClearDebtButton } from "./ClearDebtButton";

const HAS_DEBT = yesNoChoices("resources.companies.has_debt.yes", "resources.companies.has_debt.no");

/** A filter's source: one of the list's query parameters, so the compiler refuses one the API lacks. */
const param = (source: CompanyFilter) => source;

/** Wide enough for a product's name and model, or a company's name, to be read whole. */
const REFERENCE_FILTER = { minWidth: 280 };

/**
 * Every query parameter of the list as a filter: the first three always shown, the rest under "Add filter".
 * A hook, because the search placeholder is shown as it is given: it is translated here.
 */
function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput
      key="q"
      source={param("q")}
      placeholder={translate("resources.companies.search")}
      alwaysOn
    />,
    <TextInput key="city" source={param("city")} alwaysOn />,
    <SelectInput key="level" source={param("level")} choices={LEVEL_CHOICES} alwaysOn />,
    <TextInput key="country" source={param("country")} />,
    <SelectInput key="has_debt" source={param("has_debt")} choices={HAS_DEBT} />,
    <ReferenceInput
      key="product"
      source={param("product")}
      reference="products"
      sort={{ field: "name", order: "ASC" }}
    >
      {/* No optionText: the products resource's recordRepresentation, name and model. */}
      <AutocompleteInput sx={REFERENCE_FILTER} />
    </ReferenceInput>,
    <ReferenceInput
      key="supplier"
      source={param("supplier")}
      reference="companies"
      sort={{ field: "name", order: "ASC" }}
    >
      <AutocompleteInput optionText="name" sx={REFERENCE_FILTER} />
    </ReferenceInput>,
  ];
}

/** Selecting across pages takes every matching id in one call (GET /companies/ids), up to one clear_debt's worth. */
const SELECT_ALL_LIMIT = 100_000;

const CompanyBulkActions = () => (
  <BulkActionsToolbar
    selectAllButton={
      <SelectAllButton limit={SELECT_ALL_LIMIT} queryOptions={{ meta: { selectAll: true } }} />
    }
  >
    <ClearDebtButton />
  </BulkActionsToolbar>
);

// Export is capped: 100k rows would page through the whole API; staff filter first, then export.
const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ExportButton maxResults={1000} />
  </TopToolbar>
);

export function CompanyList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const { money } = useFormats();
  const levelLabel = useLevelLabel();
  return (
    <List
      filters={useFilters()}
      sort={{ field: "name", order: "ASC" }}
      actions={<ListActions />}
      perPage={25}
    >
      {isSmall ? (
        <SimpleList
          primaryText={(record) => record.name}
          secondaryText={(record) => `${levelLabel(record.level)} · ${record.city}, ${record.country}`}
          tertiaryText={(record) => money(record.debt)}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionsToolbar={<CompanyBulkActions />}>
          <TextField source="name" />
          <LevelField source="level" />
          <TextField source="city" />
          <TextField source="country" />
          <CompanyField source="supplier" sortable={false} />
          <MoneyField source="debt" textAlign="right" />
          <LocalDateField source="created_at" />
        </Datagrid>
      )}
    </List>
  );
}
