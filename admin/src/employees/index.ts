import PeopleIcon from "@mui/icons-material/People";
import { EmployeeCreate, EmployeeEdit } from "./EmployeeForms";
import { EmployeeList } from "./EmployeeList";

export default {
  list: EmployeeList,
  edit: EmployeeEdit,
  create: EmployeeCreate,
  icon: PeopleIcon,
  recordRepresentation: "email",
};
