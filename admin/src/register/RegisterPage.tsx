import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, type ReactNode, useState } from "react";
import { type HttpError, LocalesMenuButton, useTranslate } from "react-admin";
import { useLocation } from "react-router-dom";
import { api } from "../api";
import type { RegisterBody, Registered } from "../types";

/** A translated sentence with an element (code, a link) where the message has %{name}. */
function withElement(sentence: string, name: string, element: ReactNode) {
  const [before, after] = sentence.split(`%{${name}}`);
  return (
    <>
      {before}
      {element}
      {after}
    </>
  );
}

/**
 * Where an invitation link lands (/admin/#/register?token=…). The invitee chooses a password; employees then
 * use the API, so this page only says how, and keeps no session here.
 */
export function RegisterPage() {
  const token = new URLSearchParams(useLocation().search).get("token") ?? "";
  const [values, setValues] = useState({ first_name: "", last_name: "", password: "", repeat: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [registered, setRegistered] = useState<Registered>();
  const [sending, setSending] = useState(false);
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.register.${key}`, options);

  const field = (name: keyof typeof values) => ({
    name,
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      setValues({ ...values, [name]: event.target.value }),
    error: Boolean(errors[name]),
    helperText: errors[name],
    fullWidth: true,
    margin: "dense" as const,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.password !== values.repeat) {
      setErrors({ repeat: t("passwords_differ") });
      return;
    }
    setSending(true);
    setErrors({});
    setMessage(undefined);
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
      const { body, message: text } = error as HttpError;
      const { root: _root, ...fieldErrors } = (body?.errors ?? {}) as Record<string, string>;
      setErrors(fieldErrors);
      setMessage(fieldErrors.token ? `${text} ${fieldErrors.token}` : text);
    } finally {
      setSending(false);
    }
  };

  return (
    <Box sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "#eef1f5", p: 2 }}>
      <Card sx={{ width: 420, maxWidth: "100%" }}>
        <CardContent>
          <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
            <Typography variant="h5" gutterBottom>
              {t("title")}
            </Typography>
            <LocalesMenuButton />
          </Box>
          {registered ? (
            <Alert severity="success">
              {t("ready", { email: registered.user.email })}{" "}
              {/* Without the name, polyglot keeps %{request} in place for the element to go there. */}
              {withElement(t("api"), "request", <code>POST /api/v1/auth/token</code>)}{" "}
              {withElement(
                t("docs"),
                "docs",
                <a href="/swagger">
                  <code>/swagger</code>
                </a>,
              )}
            </Alert>
          ) : !token ? (
            <Alert severity="error">{t("no_token")}</Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              {message && <Alert severity="error">{message}</Alert>}
              <TextField label={t("first_name")} {...field("first_name")} autoComplete="given-name" />
              <TextField label={t("last_name")} {...field("last_name")} autoComplete="family-name" />
              <TextField
                label={t("password")}
                type="password"
                {...field("password")}
                autoComplete="new-password"
              />
              <TextField label={t("repeat")} type="password" {...field("repeat")} />
              <Button type="submit" variant="contained" disabled={sending} sx={{ mt: 2 }} fullWidth>
                {t("submit")}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
