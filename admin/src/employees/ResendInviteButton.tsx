import MailIcon from "@mui/icons-material/Mail";
import { useMutation } from "@tanstack/react-query";
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import type { Employee } from "../types";

/**
 * Whether a new link can be sent: the server resends to an active employee who has not registered, that is whose
 * invitation is pending or has expired (an expired link is what resending is most often for). An accepted one,
 * an account made without an invitation, and a deactivated employee would only be refused.
 */
const canResendInvitation = (employee: Employee) =>
  employee.is_active &&
  (employee.invitation?.status === "pending" || employee.invitation?.status === "expired");

export function ResendInviteButton() {
  const employee = useRecordContext<Employee>();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  // The new invitation is pending: an expired one's status changes on screen.
  const refresh = useRefresh();
  const resend = useMutation({
    mutationFn: (invitee: Employee) => dataProvider.resendInvite(invitee.id),
    onSuccess: (_answer, invitee) => {
      notify("resources.employees.resend.sent", { type: "success", messageArgs: { email: invitee.email } });
      refresh();
    },
    onError: (error) => notify(error.message, { type: "error" }),
  });
  if (!employee || !canResendInvitation(employee)) return null;
  return (
    <Button
      label="resources.employees.resend.button"
      onClick={(event: React.MouseEvent) => {
        // In a list row: the click must not also open the employee.
        event.stopPropagation();
        resend.mutate(employee);
      }}
      disabled={resend.isPending}
    >
      <MailIcon />
    </Button>
  );
}
