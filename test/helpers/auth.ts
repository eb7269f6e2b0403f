import type { App } from "../../src/app.js";
import { hashOpaqueToken } from "../../src/auth/opaque-tokens.js";

export async function logIn(app: App, email: string, password = "1") {
  return app.inject({ method: "POST", url: "/api/v1/auth/token", payload: { email, password } });
}

export async function refresh(app: App, token: string) {
  return app.inject({ method: "POST", url: "/api/v1/auth/token/refresh", payload: { refresh: token } });
}

export const bearer = (access: string) => ({ authorization: `Bearer ${access}` });

export { hashOpaqueToken };

export const register = (app: App, payload: Record<string, unknown>) =>
  app.inject({ method: "POST", url: "/api/v1/auth/register", payload });
