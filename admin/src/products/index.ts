import DevicesIcon from "@mui/icons-material/Devices";
import { ProductCreate, ProductEdit } from "./ProductForm";
import { ProductList } from "./ProductList";

export default {
  list: ProductList,
  edit: ProductEdit,
  create: ProductCreate,
  icon: DevicesIcon,
  recordRepresentation: (product: { name: string; model: string }) => `${product.name} ${product.model}`,
};
