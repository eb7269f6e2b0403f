import { type Theme, useMediaQuery } from "@mui/material";
import { Datagrid, DateField, List, SearchInput, SimpleList, TextField } from "react-admin";

const filters = [<SearchInput key="q" source="q" placeholder="Name or model" alwaysOn />];

export function ProductList() {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down("sm"));
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }} perPage={25}>
      {isSmall ? (
        <SimpleList
          primaryText={(product) => product.name}
          secondaryText={(product) => product.model}
          tertiaryText={(product) => product.release_date ?? ""}
          rowClick="edit"
        />
      ) : (
        <Datagrid rowClick="edit">
          <TextField source="name" />
          <TextField source="model" />
          <DateField source="release_date" label="Released" />
          <DateField source="created_at" label="Added" sortable={false} />
        </Datagrid>
      )}
    </List>
  );
}
