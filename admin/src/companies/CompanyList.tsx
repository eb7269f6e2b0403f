import { type Theme, useMediaQuery } from "@mui/material";
import {
  BulkActionsToolbar,
  CreateButton,
  Datagrid,
  DateField,
  ExportButton,
  List,
  SearchInput,
  SelectAllButton,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
} from "react-admin";
import { CompanyField, LevelField, MoneyField } from "../shared/fields";
import { formatMoney, LEVEL_CHOICES, levelLabel, yesNoChoices } from "../shared/format";
import { ClearDebtButton } from "./ClearDebtButton";

const filters = [
  <SearchInput key="q" source="q" placeholder="Name or email" alwaysOn />,
  <TextInput key="city" source="city" alwaysOn />,
  <SelectInput key="level" source="level" choices={LEVEL_CHOICES} alwaysOn />,
  <TextInput key="country" source="country" />,
  <SelectInput key="has_debt" source="has_debt" label="Debt" choices={yesNoChoices("Has debt", "No debt")} />,
];

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
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }} actions={<ListActions />} perPage={25}>
      {isSmall ? (
        <SimpleList
          primaryText={(record) => record.name}
          secondaryText={(record) => `${levelLabel(record.level)} · ${record.city}, ${record.country}`}
          tertiaryText={(record) => formatMoney(record.debt)}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit" bulkActionsToolbar={<CompanyBulkActions />}>
          <TextField source="name" />
          <LevelField source="level" label="Level" />
          <TextField source="city" />
          <TextField source="country" />
          <CompanyField source="supplier" label="Supplier" sortable={false} />
          <MoneyField source="debt" label="Debt" textAlign="right" />
          <DateField source="created_at" label="Created" />
        </Datagrid>
      )}
    </List>
  );
}
