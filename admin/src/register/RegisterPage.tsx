import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, type ReactNode, useId, useState } from "react";
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
 * The API's password policy (src/auth/password-policy.ts), shown before the first try; the server still judges
 * every password, and a refusal names the rule it breaks. The length is the schema's minLength there.
 */
const MIN_PASSWORD_LENGTH = 8;

type Values = { first_name: string; last_name: string; password: string; repeat: string };
const NO_VALUES: Values = { first_name: "", last_name: "", password: "", repeat: "" };

const isInput = (name: string): name is keyof Values => Object.hasOwn(NO_VALUES, name);

/**
 * Where each of the server's messages goes, each shown once: a field's message under its input, the others
 * (the token's) above the form, and the overall message only when no field says more. The API repeats a
 * field's message as the overall one when there is only one ("This invitation has expired."), so showing both
 * would print it twice.
 */
function placeErrors(message: string, fields: Record<string, string>) {
  const underInputs: Partial<Values> = {};
  const elsewhere: string[] = [];
  for (const [name, text] of Object.entries(fields)) {
    if (isInput(name)) underInputs[name] = text;
    else if (!elsewhere.includes(text)) elsewhere.push(text);
  }
  const above = elsewhere.length > 0 ? elsewhere : Object.keys(underInputs).length > 0 ? [] : [message];
  return { underInputs, above };
}

function PasswordRules() {
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`app.register.rules.${key}`, options);
  const title = useId();
  return (
    <Box sx={{ color: "text.secondary", typography: "body2", mx: 1.75, mb: 1 }}>
      <span id={title}>{t("title")}</span>
      <Box component="ul" aria-labelledby={title} sx={{ m: 0, pl: 2.5 }}>
        <li>{t("length", { smart_count: MIN_PASSWORD_LENGTH, count: MIN_PASSWORD_LENGTH })}</li>
        <li>{t("spaces")}</li>
        <li>{t("email")}</li>
        <li>{t("common")}</li>
      </Box>
    </Box>
  );
}

/**
 * Where an invitation link lands (/admin/#/register?token=…). The invitee chooses a password; employees then
 * use the API, so this page only says how, and keeps no session here.
 */
export function RegisterPage() {
  const token = new URLSearchParams(useLocation().search).get("token") ?? "";
  const [values, setValues] = useState(NO_VALUES);
  const [errors, setErrors] = useState<Partial<Values>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [registered, setRegistered] = useState<Registered>();
  const [sending, setSending] = useState(false);
  const translate = useTranslate();
  const t = (key: string, options?: Record<string, unknown>) => translate(`app.register.${key}`, options);

  const field = (name: keyof Values) => ({
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
    setMessages([]);
    if (values.password !== values.repeat) {
      setErrors({ repeat: t("passwords_differ") });
      return;
    }
    setSending(true);
    setErrors({});
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
      const { body, message } = error as HttpError;
      const { root: _root, ...fieldErrors } = (body?.errors ?? {}) as Record<string, string>;
      const { underInputs, above } = placeErrors(message, fieldErrors);
      setErrors(underInputs);
      setMessages(above);
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
              {messages.length > 0 && <Alert severity="error">{messages.join(" ")}</Alert>}
              <TextField label={t("first_name")} {...field("first_name")} autoComplete="given-name" />
              <TextField label={t("last_name")} {...field("last_name")} autoComplete="family-name" />
              <TextField
                label={t("password")}
                type="password"
                {...field("password")}
                autoComplete="new-password"
              />
              <PasswordRules />
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
