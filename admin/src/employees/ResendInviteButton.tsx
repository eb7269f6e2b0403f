import MailIcon from "@mui/icons-material/Mail";
import { useState } from "react";
import { Button, useDataProvider, useNotify, useRecordContext } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import type { Employee } from "../types";

export function ResendInviteButton() {
  const employee = useRecordContext<Employee>();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  if (!employee || employee.invitation?.status === "accepted") return null;
  const resend = async (event: React.MouseEvent) => {
    event.stopPropagation();
    setSending(true);
    try {
      await dataProvider.resendInvite(employee.id);
      notify(`A new invitation is on its way to ${employee.email}`, { type: "success" });
    } catch (error) {
      notify((error as Error).message, { type: "error" });
    } finally {
      setSending(false);
    }
  };
  return (
    <Button label="Resend invitation" onClick={resend} disabled={sending}>
      <MailIcon />
    </Button>
  );
}
