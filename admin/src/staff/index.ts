import AdminPanelSettingsIcon from "@mui/icons-material/AdminPanelSettings";
import { StaffCreate, StaffEdit } from "./StaffForms";
import { StaffList } from "./StaffList";

export default {
  list: StaffList,
  edit: StaffEdit,
  create: StaffCreate,
  icon: AdminPanelSettingsIcon,
  recordRepresentation: "email",
};
