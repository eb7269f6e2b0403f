import { HttpError } from "react-admin";
import { currentLanguage, translate } from "./i18n";
import type { Answer, ErrorResponse, PasswordChangeBody, Session } from "./types";

export const API_ROOT = "/api/v1";

const SESSION = `${API_ROOT}/auth/session`;

/**
 * The access token lives only in this module's memory, and the refresh token only in an httpOnly cookie that
 * scripts cannot read (see src/auth/admin-session.ts), so an XSS could take at most a token that expires within
 * minutes. A reload starts with no access token and gets one from the cookie.
 */
let access: string | undefined;

/** Tells the other tabs of this browser that the session ended, so that they stop using their access tokens. */
const tabs = typeof BroadcastChannel === "function" ? new BroadcastChannel("supplynet-session") : undefined;
const SIGNED_OUT = "signed-out";
tabs?.addEventListener("message", (event) => {
  if (event.data === SIGNED_OUT) access = undefined;
});

/**
 * Every request that presents or replaces the session cookie runs under one lock shared by all tabs. The cookie
 * rotates on each refresh and a rotated one presented again revokes the whole login, so two tabs refreshing at
 * once with the same cookie would sign each other out. Under the lock the second tab sends the cookie the first
 * one's answer has just set. Web Locks exist in secure contexts only (https, or localhost): elsewhere each tab
 * still refreshes one at a time, but tabs are not coordinated.
 */
async function withSessionCookie<T>(work: () => Promise<T>): Promise<T> {
  if (!("locks" in navigator)) return work();
  let result: T | undefined;
  await navigator.locks.request("supplynet-session", async () => {
    result = await work();
  });
  return result as T;
}

/** The API answers in the admin's language, whatever languages the browser itself asks for. */
const languageHeader = () => ({ "accept-language": currentLanguage() });

/** POST to a cookie route; JSON always, as the server requires (its CSRF defence beside SameSite=Strict). */
const postSession = (path: string, body: unknown = {}, token?: string) =>
  fetch(`${SESSION}${path}`, {
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      ...languageHeader(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

/** What an error answer may hold: the API's ErrorResponse, or less from a proxy in front of it. */
type ApiErrorBody = { error?: Partial<ErrorResponse["error"]> };

/**
 * The server's `{error: {message, fields}}` becomes react-admin's HttpError. `body.errors` is what react-admin
 * puts next to each form field; nested names ("product_ids.2") are shown on their top-level input, and
 * `root.serverError` makes the notification carry the server's own message, unless a field shows that message
 * already (the API repeats a lone field's message as the overall one): then react-admin's "check the form" goes.
 */
export function toHttpError(status: number, body: unknown): HttpError {
  const error = (body as ApiErrorBody | undefined)?.error;
  const message = error?.message ?? translate("app.errors.server_status", { status });
  const errors: Record<string, unknown> = {};
  for (const [name, messages] of Object.entries(error?.fields ?? {})) {
    const field = name.split(".")[0] ?? name;
    const text = messages.join(" ");
    errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
  }
  const hasFields = Object.keys(errors).length > 0;
  const shownByAField = Object.values(error?.fields ?? {}).some((messages) => messages.includes(message));
  return new HttpError(message, status, {
    ...(body as object),
    errors: hasFields ? { ...errors, ...(!shownByAField && { root: { serverError: message } }) } : undefined,
  });
}

/**
 * True when the access token is about to expire: within 20 s, or within a quarter of its lifetime for short-lived
 * tokens. Refreshing just before expiry saves the round trip of a 401.
 */
function expiresSoon(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]?.replace(/-/g, "+").replace(/_/g, "/") ?? ""));
    if (typeof payload.exp !== "number") return false;
    const lifetime = typeof payload.iat === "number" ? (payload.exp - payload.iat) * 1000 : 60_000;
    return payload.exp * 1000 - Date.now() < Math.min(20_000, lifetime / 4);
  } catch {
    return true;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Staff log in: the server sets the session cookie and answers the access token (an employee gets a 403). */
export async function startSession(email: string, password: string): Promise<void> {
  await withSessionCookie(async () => {
    const response = await postSession("", { email, password });
    const json = await readJson(response);
    if (!response.ok) throw toHttpError(response.status, json);
    access = (json as Answer<"/api/v1/auth/session", "post">).access;
  });
}

/** Revokes the login on the server, clears the cookie, and signs the other tabs out on their next call. */
export async function endSession(): Promise<void> {
  access = undefined;
  await withSessionCookie(() => postSession("/logout")).catch(() => undefined);
  tabs?.postMessage(SIGNED_OUT);
}

/**
 * Changes the signed-in user's password, giving the current one. The server signs out every other session and
 * refuses every access token issued before; this session goes on with the cookie and the access token it
 * answers, which replaces the one held until now. Under the cookie lock, as the answer replaces the cookie.
 */
export async function changeSessionPassword(body: PasswordChangeBody): Promise<void> {
  // Taken before the lock: a refresh takes the lock itself.
  const token = await accessToken();
  await withSessionCookie(async () => {
    const response = await postSession("/password", body, token);
    const json = await readJson(response);
    if (!response.ok) throw toHttpError(response.status, json);
    access = (json as Session).access;
  });
}

let refreshInFlight: Promise<string> | undefined;

/** A new access token from the session cookie; every caller in this tab shares the one refresh in flight. */
export function refreshAccessToken(): Promise<string> {
  refreshInFlight ??= withSessionCookie(async () => {
    const response = await postSession("/refresh");
    const json = await readJson(response);
    if (response.status === 401) {
      access = undefined;
      throw new HttpError(translate("app.auth.session_expired"), 401);
    }
    // A 429 or an outage is not the end of the session: the caller shows the error and the cookie stays.
    if (!response.ok) throw toHttpError(response.status, json);
    access = (json as Answer<"/api/v1/auth/session/refresh", "post">).access;
    return access;
  }).finally(() => {
    refreshInFlight = undefined;
  });
  return refreshInFlight;
}

/** Forgets the access token after the server refused it for good (the session is gone). */
export function forgetAccessToken(): void {
  access = undefined;
}

/** The current access token: from memory, or refreshed from the cookie when missing or about to expire. */
function accessToken(): Promise<string> {
  return access && !expiresSoon(access) ? Promise.resolve(access) : refreshAccessToken();
}

export interface ApiResponse<T> {
  status: number;
  json: T;
}

/** A fetch with the bearer token; a 401 triggers one silent refresh and one retry. */
async function authorizedFetch(
  path: string,
  options: { method?: string; body?: unknown; auth?: boolean; accept?: string },
): Promise<Response> {
  const { method = "GET", body, auth = true, accept = "application/json" } = options;
  const send = (token: string | undefined) =>
    fetch(`${API_ROOT}${path}`, {
      method,
      headers: {
        accept,
        ...languageHeader(),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let token = auth ? await accessToken() : undefined;
  let response = await send(token);
  if (response.status === 401 && token) {
    token = await refreshAccessToken();
    response = await send(token);
  }
  return response;
}

/** JSON over fetch with the bearer token (see authorizedFetch). */
export async function api<T = unknown>(
  path: string,
  options: { method?: string; body?: unknown; auth?: boolean } = {},
): Promise<ApiResponse<T>> {
  const response = await authorizedFetch(path, options);
  const json = await readJson(response);
  if (!response.ok) throw toHttpError(response.status, json);
  return { status: response.status, json: json as T };
}

/**
 * Saves a file the API answers (a CSV export) under the name its Content-Disposition gives. The token goes in
 * a header, so a plain link cannot fetch it: the file is read into a Blob and saved through an object URL.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await authorizedFetch(path, { accept: "text/csv, application/json" });
  if (!response.ok) throw toHttpError(response.status, await readJson(response));
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; the URL is released on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
