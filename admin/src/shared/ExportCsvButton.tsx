import DownloadIcon from "@mui/icons-material/GetApp";
import { useState } from "react";
import { Button, useListContext, useNotify } from "react-admin";
import { downloadFile } from "../api";
import { sortedFilterQuery } from "../dataProvider";

/**
 * The list's Export: the server streams the whole filtered list, in the list's order, as CSV in the user's
 * language (GET /<resource>/export.csv), instead of react-admin paging through the API and writing it here.
 */
export function ExportCsvButton() {
  const { resource, filterValues, sort, total } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const exportList = async () => {
    setBusy(true);
    try {
      await downloadFile(
        `/${resource}/export.csv?${sortedFilterQuery({ filter: filterValues, sort })}`,
        `${resource}.csv`,
      );
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="ra.action.export" onClick={exportList} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
}
