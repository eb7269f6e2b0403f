import MailIcon from "@mui/icons-material/Mail";
import { useMutation } from "@tanstack/react-query";
import { Button, useDataProvider, useNotify, useRecordContext } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import type { Employee } from "../types";

export function ResendInviteButton() {
  const employee = useRecordContext<Employee>();
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const notify = useNotify();
  const resend = useMutation({
    mutationFn: (invitee: Employee) => dataProvider.resendInvite(invitee.id),
    onSuccess: (_answer, invitee) =>
      notify("resources.employees.resend.sent", { type: "success", messageArgs: { email: invitee.email } }),
    onError: (error) => notify(error.message, { type: "error" }),
  });
  if (!employee || employee.invitation?.status === "accepted") return null;
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
