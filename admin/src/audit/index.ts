import ManageHistoryIcon from "@mui/icons-material/ManageHistory";
import { AuditLogList } from "./AuditLogList";

/** A list only: the server writes the entries, and nobody edits or deletes them. */
export default {
  list: AuditLogList,
  icon: ManageHistoryIcon,
};
