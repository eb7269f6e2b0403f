/**
 * A mistake the user can fix: the CLI prints it as one line with what to do next, never as a stack trace.
 * It sits in the bottom layer so that config, services and commands can all throw it.
 */
export class UserError extends Error {
  override name = "UserError";
}
