import BusinessIcon from "@mui/icons-material/Business";
import { CompanyCreate, CompanyEdit } from "./CompanyForm";
import { CompanyList } from "./CompanyList";

export default {
  list: CompanyList,
  edit: CompanyEdit,
  create: CompanyCreate,
  icon: BusinessIcon,
  recordRepresentation: "name",
};
