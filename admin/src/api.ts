import { HttpError } from "react-admin";

export const API_ROOT = "/api/v1";

export interface Tokens {
  access: string;
  refresh: string;
}

const TOKENS_KEY = "supplynet.tokens";

export const tokenStore = {
  get(): Tokens | undefined {
    const raw = localStorage.getItem(TOKENS_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : undefined;
  },
  set(tokens: Tokens) {
    localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  },
  clear() {
    localStorage.removeItem(TOKENS_KEY);
  },
};

interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string[]> };
}

/**
 * The server's `{error: {message, fields}}` becomes react-admin's HttpError. `body.errors` is what react-admin
 * puts next to each form field; nested names ("product_ids.2") are shown on their top-level input, and
 * `root.serverError` makes the notification carry the server's own message.
 */
export function toHttpError(status: number, body: unknown): HttpError {
  const error = (body as ApiErrorBody | undefined)?.error;
  const message = error?.message ?? `The server answered ${status}.`;
  const errors: Record<string, unknown> = {};
  for (const [name, messages] of Object.entries(error?.fields ?? {})) {
    const field = name.split(".")[0] ?? name;
    const text = messages.join(" ");
    errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
  }
  const hasFields = Object.keys(errors).length > 0;
  return new HttpError(message, status, {
    ...(body as object),
    errors: hasFields ? { ...errors, root: { serverError: message } } : undefined,
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

let refreshInFlight: Promise<string> | undefined;

/**
 * Refresh tokens rotate and a reused one revokes the whole family, so two parallel refreshes would log the
 * user out: every caller shares the one refresh in flight.
 */
export function refreshAccessToken(): Promise<string> {
  refreshInFlight ??= (async () => {
    const tokens = tokenStore.get();
    if (!tokens) throw new HttpError("Please log in.", 401);
    const response = await fetch(`${API_ROOT}/auth/token/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh: tokens.refresh }),
    });
    if (!response.ok) {
      tokenStore.clear();
      throw new HttpError("Your session has expired. Please log in again.", 401);
    }
    const next = (await response.json()) as Tokens;
    tokenStore.set(next);
    return next.access;
  })().finally(() => {
    refreshInFlight = undefined;
  });
  return refreshInFlight;
}

async function accessToken(): Promise<string | undefined> {
  const tokens = tokenStore.get();
  if (!tokens) return undefined;
  return expiresSoon(tokens.access) ? refreshAccessToken() : tokens.access;
}

export interface ApiResponse<T> {
  status: number;
  json: T;
}

/** JSON over fetch with the bearer token; a 401 triggers one silent refresh and one retry. */
export async function api<T = unknown>(
  path: string,
  options: { method?: string; body?: unknown; auth?: boolean } = {},
): Promise<ApiResponse<T>> {
  const { method = "GET", body, auth = true } = options;
  const send = (token: string | undefined) =>
    fetch(`${API_ROOT}${path}`, {
      method,
      headers: {
        accept: "application/json",
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
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) throw toHttpError(response.status, json);
  return { status: response.status, json: json as T };
}
