import { useEffect } from "react";
import { useNotify, useStoreContext } from "react-admin";
import { savedLanguage, saveLanguage } from "../authProvider";

/** Where react-admin's language switch (LocalesMenuButton, in the app bar and on the login page) keeps its choice. */
const CHOICE = "locale";

/**
 * Keeps the signed-in staff user's language and the admin's in step, for a component inside the layout:
 * - a browser with no choice of its own takes the user's saved language, after a login or a reload;
 * - a choice made on the login page is saved at login, and every later switch at once, so that the user's own
 *   emails follow it. A failed save is shown; the admin stays in the language chosen.
 * A choice is kept locally too, until logging out resets react-admin's store.
 */
export function useUserLanguage(): void {
  const store = useStoreContext();
  const notify = useNotify();
  useEffect(() => {
    const save = (language: string) =>
      saveLanguage(language).catch((error: Error) =>
        notify("app.language_not_saved", { type: "error", messageArgs: { error: error.message } }),
      );
    savedLanguage()
      .then(({ language, loggedInNow }) => {
        const chosen = store.getItem<string>(CHOICE);
        if (chosen === undefined) store.setItem(CHOICE, language);
        else if (loggedInNow) save(chosen);
      })
      // Not signed in (any more): react-admin shows the login page, and there is no user to follow.
      .catch(() => undefined);
    // The store answers the switch's choices, the one taken above (already saved), and other tabs' choices.
    return store.subscribe(CHOICE, (language?: string) => {
      if (language !== undefined) save(language);
    });
  }, [store, notify]);
}
