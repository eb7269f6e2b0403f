/**
 * A mistake the user can fix: the CLI prints it as one line with what to do next, never as a stack trace.
 * It lives apart from cli.ts so that services the CLI calls can throw it without importing the CLI.
 */
export class UserError extends Error {
  override name = "UserError";
}
