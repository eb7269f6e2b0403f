import { type Theme, useMediaQuery } from "@mui/material";
import {
  CreateButton,
  Datagrid,
  List,
  SearchInput,
  SimpleList,
  TextField,
  TopToolbar,
  useTranslate,
} from "react-admin";
import { ExportCsvButton } from "../shared/ExportCsvButton";
import { LocalDateField } from "../shared/fields";
import { useFormats } from "../shared/format";
import { ListPagination } from "../shared/ListPagination";

const ListActions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportCsvButton />
  </TopToolbar>
);

export function ProductList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  const translate = useTranslate();
  const { calendarDate } = useFormats();
  // The search placeholder is shown as it is given, so it is translated here.
  const filters = [
    <SearchInput key="q" source="q" placeholder={translate("resources.products.search")} alwaysOn />,
  ];
  return (
    <List
      filters={filters}
      sort={{ field: "name", order: "ASC" }}
      actions={<ListActions />}
      perPage={25}
      pagination={<ListPagination />}
    >
      {isSmall ? (
        <SimpleList
          primaryText={(product) => product.name}
          secondaryText={(product) => product.model}
          tertiaryText={(product) => calendarDate(product.release_date)}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit">
          <TextField source="name" />
          <TextField source="model" />
          <LocalDateField source="release_date" calendarDate />
          <LocalDateField source="created_at" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}
