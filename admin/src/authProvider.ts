import type { AuthProvider, HttpError } from "react-admin";
import { api, endSession, forgetAccessToken, startSession } from "./api";
import type { Me } from "./types";

/** Who is logged in, in memory like the access token: a reload asks the server again, through the cookie. */
let me: Promise<Me> | undefined;

/** The logged-in user; after a reload the first call restores the session from the cookie (one request each). */
function currentMe(): Promise<Me> {
  me ??= api<Me>("/auth/me").then(({ json }) => json);
  me.catch(() => {
    me = undefined;
  });
  return me;
}

function signedOut() {
  me = undefined;
  forgetAccessToken();
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    signedOut();
    // The server refuses employees itself, with the message the login form shows.
    await startSession(username, password);
    await currentMe();
  },
  async logout() {
    signedOut();
    await endSession();
  },
  async checkAuth() {
    try {
      if ((await currentMe()).role === "staff") return;
    } catch (error) {
      // react-admin logs out when this rejects, which would end the session of every tab: only when it is gone.
      if ((error as HttpError).status !== 401) return;
    }
    // react-admin translates the message it shows.
    throw new Error("app.auth.log_in");
  },
  async checkError(error: { status?: number }) {
    // api() has already tried a refresh; a 401 here means the session is gone. A 403 is shown, not a logout.
    if (error?.status === 401) {
      signedOut();
      throw new Error("app.auth.session_expired");
    }
  },
  async getIdentity() {
    const user = await currentMe();
    const fullName = [user.first_name, user.last_name].filter(Boolean).join(" ");
    return { id: user.id, fullName: fullName || user.email };
  },
  async getPermissions() {
    return (await currentMe().catch(() => undefined))?.role;
  },
};
