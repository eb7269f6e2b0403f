import type { AuthProvider } from "react-admin";
import { api, type Tokens, tokenStore } from "./api";

export interface Me {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  role: "staff" | "employee";
  company_id: number | null;
  is_active: boolean;
}

export const EMPLOYEE_REFUSED = "This admin is for staff. Employees use the API.";

const ME_KEY = "supplynet.me";

function storedMe(): Me | undefined {
  const raw = localStorage.getItem(ME_KEY);
  return raw ? (JSON.parse(raw) as Me) : undefined;
}

async function revokeSession() {
  const tokens = tokenStore.get();
  tokenStore.clear();
  localStorage.removeItem(ME_KEY);
  if (tokens) {
    await api("/auth/logout", { method: "POST", body: { refresh: tokens.refresh }, auth: false }).catch(
      () => undefined,
    );
  }
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const { json: tokens } = await api<Tokens>("/auth/token", {
      method: "POST",
      body: { email: username, password },
      auth: false,
    });
    tokenStore.set(tokens);
    const { json: me } = await api<Me>("/auth/me");
    if (me.role !== "staff") {
      await revokeSession();
      throw new Error(EMPLOYEE_REFUSED);
    }
    localStorage.setItem(ME_KEY, JSON.stringify(me));
  },
  async logout() {
    await revokeSession();
  },
  async checkAuth() {
    if (!tokenStore.get() || storedMe()?.role !== "staff") throw new Error("Please log in.");
  },
  async checkError(error: { status?: number }) {
    // api() has already tried a refresh; a 401 here means the session is gone. A 403 is shown, not a logout.
    if (error?.status === 401) {
      tokenStore.clear();
      localStorage.removeItem(ME_KEY);
      throw new Error("Your session has expired. Please log in again.");
    }
  },
  async getIdentity() {
    const me = storedMe();
    if (!me) throw new Error("Please log in.");
    const fullName = [me.first_name, me.last_name].filter(Boolean).join(" ");
    return { id: me.id, fullName: fullName || me.email };
  },
  async getPermissions() {
    return storedMe()?.role;
  },
};
