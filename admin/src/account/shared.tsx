import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import type { TextFieldProps } from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type ReactNode, useEffect, useId, useState } from "react";
import { type HttpError, LocalesMenuButton, useTranslate } from "react-admin";
import { Link, useLocation } from "react-router-dom";
import { api } from "../api";

/** A translated sentence with an element (code, a link) where the message has %{name}. */
export function withElement(sentence: string, name: string, element: ReactNode) {
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

export function PasswordRules() {
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
 * Where each of the server's messages goes, each shown once: a field's message under its input, the others
 * (the token's) above the form, and the overall message only when no field says more. The API repeats a
 * field's message as the overall one when there is only one ("This invitation has expired."), so showing both
 * would print it twice. `inputs` maps the API's field names to the form's inputs.
 */
export function placeErrors<Input extends string>(
  error: unknown,
  inputs: Partial<Record<string, Input>>,
): { underInputs: Partial<Record<Input, string>>; above: string[] } {
  const { body, message } = error as HttpError;
  const { root: _root, ...fields } = (body?.errors ?? {}) as Record<string, string>;
  const underInputs: Partial<Record<Input, string>> = {};
  const elsewhere: string[] = [];
  for (const [name, text] of Object.entries(fields)) {
    const input = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
    if (input) underInputs[input] = text;
    else if (!elsewhere.includes(text)) elsewhere.push(text);
  }
  const above = elsewhere.length > 0 ? elsewhere : Object.keys(underInputs).length > 0 ? [] : [message];
  return { underInputs, above };
}

/** A controlled form's state: its values, an error under each input, and the messages above it. */
export function useFormState<Name extends string>(empty: Record<Name, string>) {
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const field = (name: Name) =>
    ({
      name,
      value: values[name],
      onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
        setValues((current) => ({ ...current, [name]: event.target.value })),
      error: Boolean(errors[name]),
      helperText: errors[name],
      fullWidth: true,
      margin: "dense",
    }) satisfies TextFieldProps;
  return { values, setValues, errors, setErrors, messages, setMessages, field };
}

/** A page outside the layout (registration, password reset), usable before logging in, in either language. */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ minHeight: "100vh", display: "grid", placeItems: "center", bgcolor: "#eef1f5", p: 2 }}>
      <Card sx={{ width: 420, maxWidth: "100%" }}>
        <CardContent>
          <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 1 }}>
            <Typography variant="h5" component="h1" gutterBottom>
              {title}
            </Typography>
            <LocalesMenuButton />
          </Box>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
}

/** A link to the admin's login page. */
export function LoginLink() {
  const translate = useTranslate();
  return <Link to="/login">{translate("app.account.log_in")}</Link>;
}

/**
 * What a page that set a password says at the end: `lead` (what happened), then the way in, which is this
 * admin for staff (`staffNext` and the login link) and the API for employees.
 */
export function PasswordSetAlert({
  lead,
  role,
  staffNext,
}: {
  lead: string;
  role: string;
  staffNext: string;
}) {
  return (
    <Alert severity="success">
      {lead}{" "}
      {role === "staff" ? (
        <>
          {staffNext} <LoginLink />
        </>
      ) : (
        <EmployeeApiHelp />
      )}
    </Alert>
  );
}

/** How an employee, who cannot use the admin, uses their password: the API. */
export function EmployeeApiHelp() {
  const translate = useTranslate();
  return (
    <>
      {/* Without the name, polyglot keeps %{request} in place for the element to go there. */}
      {withElement(translate("app.register.api"), "request", <code>POST /api/v1/auth/token</code>)}{" "}
      {withElement(
        translate("app.register.docs"),
        "docs",
        <a href="/swagger">
          <code>/swagger</code>
        </a>,
      )}
    </>
  );
}

/** The one-time token of an emailed link (…/#/register?token=…). */
export const useLinkToken = () => new URLSearchParams(useLocation().search).get("token") ?? "";

export type LookUp<T> =
  | { state: "loading" }
  | { state: "found"; found: T }
  | { state: "refused"; message: string };

/**
 * What a link's token is for (an invitation, a reset), asked of the server as soon as the page opens, so that a
 * used or expired link says so before anyone types a password. The token goes in a POST body, never a URL.
 */
export function useTokenLookUp<T>(path: string, token: string): LookUp<T> {
  const [lookUp, setLookUp] = useState<LookUp<T>>({ state: "loading" });
  useEffect(() => {
    if (!token) return;
    let current = true;
    api<T>(path, { method: "POST", auth: false, body: { token } }).then(
      ({ json }) => current && setLookUp({ state: "found", found: json }),
      (error: HttpError) => current && setLookUp({ state: "refused", message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [path, token]);
  return lookUp;
}

/** The messages above a form, one alert for them all. */
export const FormMessages = ({ messages }: { messages: string[] }) =>
  messages.length > 0 ? <Alert severity="error">{messages.join(" ")}</Alert> : null;
