import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import { type FormEvent, useState } from "react";
import { Title, useNotify, useTranslate } from "react-admin";
import { changeSessionPassword } from "../api";
import { FormMessages, PasswordRules, placeErrors, useFormState } from "./shared";

export const CHANGE_PASSWORD_PATH = "/account/password";

const NO_VALUES = { current_password: "", new_password: "", repeat: "" };
type Input = keyof typeof NO_VALUES;
const INPUTS: Partial<Record<string, Input>> = {
  current_password: "current_password",
  new_password: "new_password",
};

/**
 * The signed-in staff user changes their own password. Every other session is signed out; this one goes on,
 * with the access token the server answers (see changeSessionPassword).
 */
export function ChangePasswordPage() {
  const form = useFormState(NO_VALUES);
  const { values, field } = form;
  const [sending, setSending] = useState(false);
  const notify = useNotify();
  const translate = useTranslate();
  const t = (key: string) => translate(`app.account.password.${key}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.setMessages([]);
    if (values.new_password !== values.repeat) {
      form.setErrors({ repeat: translate("app.register.passwords_differ") });
      return;
    }
    setSending(true);
    form.setErrors({});
    try {
      await changeSessionPassword({
        current_password: values.current_password,
        new_password: values.new_password,
      });
      form.setValues(NO_VALUES);
      notify("app.account.password.changed", { type: "success" });
    } catch (error) {
      const { underInputs, above } = placeErrors(error, INPUTS);
      form.setErrors(underInputs);
      form.setMessages(above);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 480 }}>
      <Title title={t("title")} />
      <CardContent>
        <Box component="form" onSubmit={submit} noValidate>
          <FormMessages messages={form.messages} />
          <TextField
            label={t("current")}
            type="password"
            {...field("current_password")}
            autoComplete="current-password"
          />
          <TextField
            label={t("new")}
            type="password"
            {...field("new_password")}
            autoComplete="new-password"
          />
          <PasswordRules />
          <TextField label={t("repeat")} type="password" {...field("repeat")} autoComplete="new-password" />
          <Button type="submit" variant="contained" disabled={sending} sx={{ mt: 2 }}>
            {t("submit")}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
