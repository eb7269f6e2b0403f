import { useLocation } from "react-router-dom";

/**
 * The link state of a form opened from another page (a company's "Invite an employee"), naming the page that
 * the form goes back to once saved, as Django's admin returns to where an add was started.
 */
export const returnTo = (path: string) => ({ returnTo: path });

/** The page that opened this form, when it asked to be returned to. */
export function useReturnTo(): string | undefined {
  const state: unknown = useLocation().state;
  const path = (state as { returnTo?: unknown } | null)?.returnTo;
  return typeof path === "string" ? path : undefined;
}
