/**
 * A user or group name the daemons can run as: what useradd(8) accepts (letters, digits, `_ . -`,
 * not starting with a digit, `-` or `.`, at most 32 characters, an optional final `$`). The one
 * test for `--run-as`, the API's `runAs` and the run_as_user / run_as_group a ZCP file names.
 */
export const ACCOUNT_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

export function isAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(name);
}
