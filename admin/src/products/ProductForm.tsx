import { Create, DateInput, Edit, required, SimpleForm, TextInput } from "react-admin";

function ProductForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="model" validate={required()} helperText="A name and model pair is unique." />
      <DateInput source="release_date" label="Release date" />
    </SimpleForm>
  );
}

export const ProductEdit = () => (
  <Edit mutationMode="pessimistic">
    <ProductForm />
  </Edit>
);

export const ProductCreate = () => (
  <Create redirect="list">
    <ProductForm />
  </Create>
);
