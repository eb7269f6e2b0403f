import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import TextField from "@mui/material/TextField";
import { type FormEvent, useState } from "react";
import { useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import { api } from "../api";
import type { PasswordResetAccount, PasswordResetDone } from "../types";
import { FORGOT_PASSWORD_PATH } from "./ForgotPasswordPage";
import {
  FormMessages,
  PasswordRules,
  PasswordSetAlert,
  PublicPage,
  placeErrors,
  useFormState,
  useLinkToken,
  useTokenLookUp,
} from "./shared";

const NO_VALUES = { password: "", repeat: "" };
type Input = keyof typeof NO_VALUES;
const INPUTS: Partial<Record<string, Input>> = { password: "password" };

/** What the new password is for: staff log in to this admin, employees use the API. */
function Done({ done }: { done: PasswordResetDone }) {
  const translate = useTranslate();
  return (
    <PasswordSetAlert
      lead={done.detail}
      role={done.role}
      staffNext={translate("app.account.reset.staff_done")}
    />
  );
}

/**
 * Where a reset link lands (/admin/#/reset-password?token=…), for staff and employees alike. It says whose
 * account the link is for, or at once why it no longer works, before the new password is typed.
 */
export function ResetPasswordPage() {
  const token = useLinkToken();
  const account = useTokenLookUp<PasswordResetAccount>("/auth/password/reset/account", token);
  const form = useFormState(NO_VALUES);
  const { values, field } = form;
  const [done, setDone] = useState<PasswordResetDone>();
  const [sending, setSending] = useState(false);
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`app.account.reset.${key}`, options);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.setMessages([]);
    if (values.password !== values.repeat) {
      form.setErrors({ repeat: translate("app.register.passwords_differ") });
      return;
    }
    setSending(true);
    form.setErrors({});
    try {
      const { json } = await api<PasswordResetDone>("/auth/password/reset/confirm", {
        method: "POST",
        auth: false,
        body: { token, password: values.password },
      });
      setDone(json);
    } catch (error) {
      const { underInputs, above } = placeErrors(error, INPUTS);
      form.setErrors(underInputs);
      form.setMessages(above);
    } finally {
      setSending(false);
    }
  };

  const askAgain = (
    <Box sx={{ mt: 2, typography: "body2" }}>
      <Link to={FORGOT_PASSWORD_PATH}>{t("ask_again")}</Link>
    </Box>
  );

  return (
    <PublicPage title={t("title")}>
      {done ? (
        <Done done={done} />
      ) : !token ? (
        <>
          <Alert severity="error">{t("no_token")}</Alert>
          {askAgain}
        </>
      ) : account.state === "loading" ? (
        <CircularProgress aria-label={translate("ra.page.loading")} />
      ) : account.state === "refused" ? (
        <>
          <Alert severity="error">{account.message}</Alert>
          {askAgain}
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <Alert severity="info" role="status" sx={{ mb: 1 }}>
            {account.found.role === "staff"
              ? t("staff", { email: account.found.email })
              : t("employee", { email: account.found.email, company: account.found.company_name ?? "" })}
          </Alert>
          <FormMessages messages={form.messages} />
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
