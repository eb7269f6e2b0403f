import { Create, DateInput, Edit, required, SimpleForm, TextInput } from "react-admin";
import { HistoryActions } from "../audit/HistoryButton";

function ProductForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="model" validate={required()} helperText="resources.products.hints.model" />
      <DateInput source="release_date" />
    </SimpleForm>
  );
}

export const ProductEdit = () => (
  <Edit mutationMode="pessimistic" actions={<HistoryActions />}>
    <ProductForm />
  </Edit>
);

export const ProductCreate = () => (
  <Create redirect="list">
    <ProductForm />
  </Create>
);
