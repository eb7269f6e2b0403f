import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, useState } from "react";
import type { HttpError } from "react-admin";
import { useLocation } from "react-router-dom";
import { api } from "../api";
import type { RegisterBody, Registered } from "../types";

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
      setErrors({ repeat: "The passwords differ." });
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
          <Typography variant="h5" gutterBottom>
            Join supplynet
          </Typography>
          {registered ? (
            <Alert severity="success">
              Your account {registered.user.email} is ready. Employees use the supplynet API: get a token with
              POST /api/v1/auth/token and your email and password. The API is described at{" "}
              <a href="/swagger">/swagger</a>.
            </Alert>
          ) : !token ? (
            <Alert severity="error">This link has no invitation token. Open the link from your email.</Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              {message && <Alert severity="error">{message}</Alert>}
              <TextField label="First name" {...field("first_name")} autoComplete="given-name" />
              <TextField label="Last name" {...field("last_name")} autoComplete="family-name" />
              <TextField
                label="Password"
                type="password"
                {...field("password")}
                autoComplete="new-password"
              />
              <TextField label="Repeat the password" type="password" {...field("repeat")} />
              <Button type="submit" variant="contained" disabled={sending} sx={{ mt: 2 }} fullWidth>
                Create my account
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
