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

/** Set by a login until the admin has looked at its languages once: see useUserLanguage. */
let loggedInNow = false;

function signedOut() {
  me = undefined;
  loggedInNow = false;
  forgetAccessToken();
}

/** The signed-in user's saved language, and whether they have just logged in (true once per login). */
export async function savedLanguage(): Promise<{ language: string; loggedInNow: boolean }> {
  const { language } = await currentMe();
  const fresh = loggedInNow;
  loggedInNow = false;
  return { language, loggedInNow: fresh };
}

/** Stores the signed-in user's language on the server, which their own emails use; nothing when it is already. */
export async function saveLanguage(language: string): Promise<void> {
  if ((await currentMe()).language === language) return;
  const { json } = await api<Me>("/auth/me", { method: "PATCH", body: { language } });
  me = Promise.resolve(json);
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    signedOut();
    // The server refuses employees itself, with the message the login form shows.
    await startSession(username, password);
    await currentMe();
    loggedInNow = true;
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
    // react-admin then logs out (signedOut, in logout), and first shows this message only while checkAuth still
    // passes: forgetting the user here would silence it.
    if (error?.status === 401) throw new Error("app.auth.session_expired");
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
