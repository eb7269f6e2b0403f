import { useEffect } from "react";
import { useNotify, useStoreContext } from "react-admin";
import { savedLanguage, saveLanguage } from "../authProvider";
import { currentLanguage } from ".";

/** Where react-admin's language switch (LocalesMenuButton, in the app bar and on the login page) keeps its choice. */
const CHOICE = "locale";

/**
 * A language chosen while signed in, waiting to be shown. react-admin mounts the whole admin anew in a new
 * language, notifications included, so a failed save reported before that would vanish unseen: the save waits.
 */
let switched: string | undefined;

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
    // The language the admin is mounted in (react-admin's useLocale already tells the next one, before that).
    const shown = currentLanguage();
    if (switched === shown) {
      switched = undefined;
      save(shown);
    }
    savedLanguage()
      .then(({ language, loggedInNow }) => {
        const chosen = store.getItem<string>(CHOICE);
        if (chosen === undefined) store.setItem(CHOICE, language);
        else if (loggedInNow) save(chosen);
      })
      // Not signed in (any more): react-admin shows the login page, and there is no user to follow.
      .catch(() => undefined);
    // The switch's choices, the saved language taken above (saving it again does nothing), other tabs' choices.
    return store.subscribe(CHOICE, (language?: string) => {
      if (language === undefined) return;
      if (language === currentLanguage()) save(language);
      else switched = language;
    });
  }, [store, notify]);
}
