import { type Theme, useMediaQuery } from "@mui/material";
import {
  BulkActionsToolbar,
  CreateButton,
  Datagrid,
  ExportButton,
  List,
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
import { ClearDebtButton } from "./ClearDebtButton";

const HAS_DEBT = yesNoChoices("resources.companies.has_debt.yes", "resources.companies.has_debt.no");

/** A hook, because the search placeholder is shown as it is given: it is translated here. */
function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" placeholder={translate("resources.companies.search")} alwaysOn />,
    <TextInput key="city" source="city" alwaysOn />,
    <SelectInput key="level" source="level" choices={LEVEL_CHOICES} alwaysOn />,
    <TextInput key="country" source="country" />,
    <SelectInput key="has_debt" source="has_debt" choices={HAS_DEBT} />,
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
