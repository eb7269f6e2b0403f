import BlockIcon from "@mui/icons-material/Block";
import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import MailIcon from "@mui/icons-material/Mail";
import { useMutation } from "@tanstack/react-query";
import { Button, useGetIdentity, useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { api } from "../api";
import type { StaffUser } from "../types";

/** In a list row: a click must not also open the staff user. */
const only =
  (action: () => void) =>
  (event: React.MouseEvent): void => {
    event.stopPropagation();
    action();
  };

/**
 * A new invitation, for an active staff user who has not registered yet: the server refuses the others (a
 * registered one logs in with their password, or resets it).
 */
export function ResendStaffInviteButton() {
  const user = useRecordContext<StaffUser>();
  const notify = useNotify();
  const resend = useMutation({
    mutationFn: (invitee: StaffUser) => api(`/staff/${invitee.id}/resend_invite`, { method: "POST" }),
    onSuccess: (_answer, invitee) =>
      notify("resources.staff.resend.sent", { type: "success", messageArgs: { email: invitee.email } }),
    onError: (error) => notify(error.message, { type: "error" }),
  });
  if (!user || user.registered || !user.is_active) return null;
  return (
    <Button
      label="resources.staff.resend.button"
      onClick={only(() => resend.mutate(user))}
      disabled={resend.isPending}
    >
      <MailIcon />
    </Button>
  );
}

/**
 * Deactivates or activates a staff user. There is none on one's own row: the server refuses deactivating
 * oneself (and the last active staff user), and says why, which the notification shows.
 */
export function ToggleActiveButton() {
  const user = useRecordContext<StaffUser>();
  const { identity } = useGetIdentity();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate<StaffUser>();
  if (!user || !identity || identity.id === user.id) return null;
  const deactivating = user.is_active;
  const toggle = () =>
    update(
      "staff",
      { id: user.id, data: { is_active: !deactivating }, previousData: user },
      {
        mutationMode: "pessimistic",
        onSuccess: () => {
          notify(`resources.staff.toggle.${deactivating ? "deactivated" : "activated"}`, {
            type: "success",
            messageArgs: { email: user.email },
          });
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: "error" }),
      },
    );
  return (
    <Button
      label={`resources.staff.toggle.${deactivating ? "deactivate" : "activate"}`}
      onClick={only(toggle)}
      disabled={isPending}
    >
      {deactivating ? <BlockIcon /> : <CheckCircleIcon />}
    </Button>
  );
}
