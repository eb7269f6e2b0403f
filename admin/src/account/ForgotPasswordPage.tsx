import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { type FormEvent, useState } from "react";
import { type HttpError, useTranslate } from "react-admin";
import { api } from "../api";
import type { Accepted } from "../types";
import { LoginLink, PublicPage } from "./shared";

export const FORGOT_PASSWORD_PATH = "/forgot-password";

/**
 * Asks for a reset link. The server answers the same words whether or not the email names an account, so the
 * page shows them as they come.
 */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [answer, setAnswer] = useState<{ detail: string } | { error: string }>();
  const [sending, setSending] = useState(false);
  const translate = useTranslate();
  const t = (key: string) => translate(`app.account.forgot.${key}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setAnswer(undefined);
    try {
      const { json } = await api<Accepted>("/auth/password/reset", {
        method: "POST",
        auth: false,
        body: { email },
      });
      setAnswer({ detail: json.detail });
    } catch (error) {
      setAnswer({ error: (error as HttpError).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <PublicPage title={t("title")}>
      {answer && "detail" in answer ? (
        <Alert severity="success">{answer.detail}</Alert>
      ) : (
        <Box component="form" onSubmit={submit} noValidate>
          {answer && <Alert severity="error">{answer.error}</Alert>}
          <Typography variant="body2" color="text.secondary">
            {t("intro")}
          </Typography>
          <TextField
            label={t("email")}
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="email"
            fullWidth
            margin="dense"
          />
          <Button
            type="submit"
            variant="contained"
            disabled={sending || !email.trim()}
            sx={{ mt: 2 }}
            fullWidth
          >
            {t("submit")}
          </Button>
        </Box>
      )}
      <Box sx={{ mt: 2, typography: "body2" }}>
        <LoginLink />
      </Box>
    </PublicPage>
  );
}
