import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { Link, useGetList, useTranslate } from "react-admin";
import { ObjectLabel } from "../audit/fields";
import { AUDIT_LOG, actionKey } from "../audit/objects";
import { useFormats } from "../shared/format";
import type { AuditEntry } from "../types";

const RECENT = 10;

/**
 * The last actions of staff, newest first, as Django admin's dashboard lists them: who did what to which
 * object (linked to its page while it exists), and when; then a link to the whole audit log.
 */
export function RecentActions() {
  const translate = useTranslate();
  const { dateTime } = useFormats();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`app.dashboard.recent_actions.${key}`, options);
  const { data, error, isPending } = useGetList<AuditEntry>(AUDIT_LOG, {
    pagination: { page: 1, perPage: RECENT },
    sort: { field: "at", order: "DESC" },
  });
  if (isPending) return null;
  if (error) return <Typography color="error">{t("load_failed", { error: error.message })}</Typography>;
  return (
    <>
      {data.length === 0 ? (
        <Typography variant="body2">{t("empty")}</Typography>
      ) : (
        <Table size="small" aria-label={t("title")}>
          <TableBody>
            {data.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell>{entry.actor_label}</TableCell>
                <TableCell>{translate(actionKey(entry.action))}</TableCell>
                <TableCell>
                  <ObjectLabel type={entry.object_type} id={entry.object_id} />
                </TableCell>
                <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(entry.at)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Link to={`/${AUDIT_LOG}`}>{t("all")}</Link>
    </>
  );
}
