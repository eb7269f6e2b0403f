import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import TextField from "@mui/material/TextField";
import { type FormEvent, useState } from "react";
import { useTranslate } from "react-admin";
import {
  FormMessages,
  PasswordRules,
  PasswordSetAlert,
  PublicPage,
  placeErrors,
  useFormState,
  useLinkToken,
  useTokenLookUp,
} from "../account/shared";
import { api } from "../api";
import type { InvitationView, RegisterBody, Registered } from "../types";

const NO_VALUES = { first_name: "", last_name: "", password: "", repeat: "" };
type Input = keyof typeof NO_VALUES;
/** The API's fields that the form has inputs for; the token's messages go above the form. */
const INPUTS: Partial<Record<string, Input>> = {
  first_name: "first_name",
  last_name: "last_name",
  password: "password",
};

/** "Invitation for anna@…, employee of Acme, from Olga Kim": whom the link is for, before they choose a password. */
function InvitationFor({ invitation }: { invitation: InvitationView }) {
  const translate = useTranslate();
  const who = invitation.role === "staff" ? "staff" : "employee";
  const key = `app.register.invitation.${who}${invitation.invited_by ? "_from" : ""}`;
  return (
    <Alert severity="info" role="status" sx={{ mb: 1 }}>
      {translate(key, {
        email: invitation.email,
        company: invitation.company_name ?? "",
        inviter: invitation.invited_by ?? "",
      })}
    </Alert>
  );
}

/** What a new account is for: staff log in to this admin, employees use the API. */
function Ready({ registered }: { registered: Registered }) {
  const translate = useTranslate();
  return (
    <PasswordSetAlert
      lead={translate("app.register.ready", { email: registered.user.email })}
      role={registered.user.role}
      staffNext={translate("app.register.staff")}
    />
  );
}

/**
 * Where an invitation link lands (/admin/#/register?token=…). It says whom the invitation is for, or at once
 * why the link no longer works; the invitee then chooses a password. Employees use the API, so for them this page
 * only says how, and keeps no session here.
 */
export function RegisterPage() {
  const token = useLinkToken();
  const invitation = useTokenLookUp<InvitationView>("/auth/invitation", token);
  const form = useFormState(NO_VALUES);
  const { values, field } = form;
  const [registered, setRegistered] = useState<Registered>();
  const [sending, setSending] = useState(false);
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.register.${key}`, options);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.setMessages([]);
    if (values.password !== values.repeat) {
      form.setErrors({ repeat: t("passwords_differ") });
      return;
    }
    setSending(true);
    form.setErrors({});
    try {
      const { json } = await api<Registered>("/auth/register", {
        method: "POST",
        auth: false,
        body: {
          token,
          password: values.password,
          ...(values.first_name ? { first_name: values.first_name } : {}),
          ...(values.last_name ? { last_name: values.last_name } : {}),
        } satisfies RegisterBody,
      });
      setRegistered(json);
    } catch (error) {
      const { underInputs, above } = placeErrors(error, INPUTS);
      form.setErrors(underInputs);
      form.setMessages(above);
    } finally {
      setSending(false);
    }
  };

  return (
    <PublicPage title={t("title")}>
      {registered ? (
        <Ready registered={registered} />
      ) : !token ? (
        <Alert severity="error">{t("no_token")}</Alert>
      ) : invitation.state === "loading" ? (
        <CircularProgress aria-label={translate("ra.page.loading")} />
      ) : invitation.state === "refused" ? (
        <Alert severity="error">{invitation.message}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <InvitationFor invitation={invitation.found} />
          <FormMessages messages={form.messages} />
          <TextField label={t("first_name")} {...field("first_name")} autoComplete="given-name" />
          <TextField label={t("last_name")} {...field("last_name")} autoComplete="family-name" />
          <TextField
            label={t("password")}
            type="password"
            {...field("password")}
            autoComplete="new-password"
          />
          <PasswordRules />
          <TextField label={t("repeat")} type="password" {...field("repeat")} autoComplete="new-password" />
          <Button type="submit" variant="contained" disabled={sending} sx={{ mt: 2 }} fullWidth>
            {t("submit")}
          </Button>
        </form>
      )}
    </PublicPage>
  );
}
