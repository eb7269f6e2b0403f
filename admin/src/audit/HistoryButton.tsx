import HistoryIcon from "@mui/icons-material/History";
import { Button, Link, TopToolbar, useRecordContext, useResourceContext } from "react-admin";
import { historyPath, typeOfResource } from "./objects";

/** An object's page's History, as Django admin has: the audit log narrowed to this object, newest first. */
export function HistoryButton() {
  const record = useRecordContext();
  const type = typeOfResource(useResourceContext() ?? "");
  if (!record || !type) return null;
  return (
    <Button component={Link} to={historyPath(type, record.id)} label="resources.audit_log.history">
      <HistoryIcon />
    </Button>
  );
}

/** The top toolbar of an edit page that has no other actions. */
export const HistoryActions = () => (
  <TopToolbar>
    <HistoryButton />
  </TopToolbar>
);
