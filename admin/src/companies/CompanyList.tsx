import EventIcon from "@mui/icons-material/Event";
import { Card, CardContent, type Theme, useMediaQuery } from "@mui/material";
import {
  AutocompleteInput,
  BulkActionsToolbar,
  CreateButton,
  Datagrid,
  DateInput,
  FilterButton,
  FilterList,
  FilterListItem,
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
import { ExportCsvButton } from "../shared/ExportCsvButton";
import { CompanyField, LevelField, LocalDateField, MoneyField } from "../shared/fields";
import { LEVEL_CHOICES, useFormats, useLevelLabel, yesNoChoices } from "../shared/format";
import { ListPagination } from "../shared/ListPagination";
import type { CompanyFilter } from "../types";
import { ClearDebtButton } from "./ClearDebtButton";

const HAS_DEBT = yesNoChoices("resources.companies.has_debt.yes", "resources.companies.has_debt.no");

/** A filter's source: one of the list's query parameters, so the compiler refuses one the API lacks. */
const param = (source: CompanyFilter) => source;

/** Wide enough for a product's name and model, or a company's name, to be read whole. */
const REFERENCE_FILTER = { minWidth: 280 };

/**
 * A picked day as the moment it begins where the user is, as the quick picks beside the list send their bounds:
 * the API would read a bare date as midnight UTC. The input shows that moment as the same day again.
 */
const userMidnight = (day: string) => (day ? new Date(`${day}T00:00`).toISOString() : null);

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
    <TextInput key="debt_min" source={param("debt_min")} inputMode="decimal" />,
    <TextInput key="debt_max" source={param("debt_max")} inputMode="decimal" />,
    <DateInput key="created_after" source={param("created_after")} parse={userMidnight} />,
    <DateInput key="created_before" source={param("created_before")} parse={userMidnight} />,
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

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ExportCsvButton />
  </TopToolbar>
);

type Period = "today" | "this_week" | "this_month" | "this_year";

/** The first moment of the period that holds `now`, and of the next one, in the user's own time zone. */
function periodOf(period: Period, now = new Date()) {
  const [year, month, day] = [now.getFullYear(), now.getMonth(), now.getDate()];
  const monday = day - ((now.getDay() + 6) % 7);
  const bounds: Record<Period, [Date, Date]> = {
    today: [new Date(year, month, day), new Date(year, month, day + 1)],
    this_week: [new Date(year, month, monday), new Date(year, month, monday + 7)],
    this_month: [new Date(year, month, 1), new Date(year, month + 1, 1)],
    this_year: [new Date(year, 0, 1), new Date(year + 1, 0, 1)],
  };
  const [start, end] = bounds[period];
  return { [param("created_after")]: start.toISOString(), [param("created_before")]: end.toISOString() };
}

const PERIODS: Period[] = ["today", "this_week", "this_month", "this_year"];

/** Django admin's date hierarchy: one click narrows the list to the companies created in a period. */
function CreatedQuickPick() {
  return (
    <Card
      sx={{
        order: -1,
        mr: 2,
        mt: 8,
        width: 240,
        flexShrink: 0,
        alignSelf: "flex-start",
        display: { xs: "none", md: "block" },
      }}
    >
      <CardContent>
        <FilterList label="resources.companies.created.title" icon={<EventIcon />}>
          {PERIODS.map((period) => (
            <FilterListItem
              key={period}
              label={`resources.companies.created.${period}`}
              value={periodOf(period)}
            />
          ))}
        </FilterList>
      </CardContent>
    </Card>
  );
}

export function CompanyList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const { money } = useFormats();
  const levelLabel = useLevelLabel();
  return (
    <List
      filters={useFilters()}
      sort={{ field: "name", order: "ASC" }}
      actions={<ListActions />}
      aside={<CreatedQuickPick />}
      perPage={25}
      pagination={<ListPagination />}
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
