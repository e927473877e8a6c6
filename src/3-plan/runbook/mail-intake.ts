import { WORK_DIR } from './shell.js';

/** The ZCP services that take mail in: stopped first, so new mail waits in the MTA's queue. */
export const ZCP_INTAKE = ['zarafa-dagent', 'zarafa-gateway', 'zarafa-ical', 'zarafa-spooler'] as const;

const SAVED = `${WORK_DIR}/postfix-defer_transports`;

/**
 * Postfix's transports that hand mail to the dagent: `local` when mailbox_command runs it, every
 * master.cf service whose command runs it (the `zarafa` pipe), `lmtp` when mailbox_transport or
 * virtual_transport is an LMTP address (the dagent's LMTP listener).
 */
const TRANSPORTS = [
  `t=""`,
  `case $(postconf -h mailbox_command) in *dagent*) t="local" ;; esac`,
  `for s in $(postconf -M 2>/dev/null | awk '/dagent/ { print $1 }'); do t="$t $s"; done`,
  `for v in "$(postconf -h mailbox_transport)" "$(postconf -h virtual_transport)"; do`,
  `  case $v in lmtp:*) t="$t lmtp" ;; esac`,
  `done`,
].join('\n');

/**
 * Hold delivery to the dagent: Postfix's defer_transports lists the transports above, so every
 * message for them — queued or arriving — is deferred (a temporary status, retried later), while
 * other mail keeps flowing. Not `postsuper -h ALL`: it holds only what is queued now, and mail that
 * arrives later would still be piped to a dagent that is stopped, then removed (a bounce).
 * The setting before is saved once, for the release.
 */
export const HOLD_QUEUE = [
  `if ! command -v postconf >/dev/null 2>&1; then`,
  `  echo "no Postfix here: make the MTA defer delivery to the dagent by hand, then continue with --from the next step" >&2`,
  `  exit 1`,
  `fi`,
  TRANSPORTS,
  `if test -n "$t"; then`,
  `  install -d -m 0700 ${WORK_DIR}`,
  `  test -e ${SAVED} || postconf -h defer_transports > ${SAVED}`,
  `  postconf -e "defer_transports = $(cat ${SAVED}) $t"`,
  `  postfix reload`,
  `  echo "deferred Postfix transports:$t"`,
  `else`,
  `  echo "Postfix does not deliver to the dagent (mailbox_command, master.cf, LMTP): nothing to defer"`,
  `fi`,
].join('\n');

/**
 * Release what Postfix deferred: the saved defer_transports back, a reload, a flush. Refused while
 * master.cf or main.cf still runs a zarafa-dagent that the removal took away (those messages would bounce).
 */
export const RELEASE_QUEUE = [
  `if ! command -v postconf >/dev/null 2>&1 || ! test -e ${SAVED}; then echo "no deferral saved: nothing to release"; exit 0; fi`,
  `if { postconf -h mailbox_command; postconf -M 2>/dev/null; } | grep -q 'zarafa-dagent' && ! command -v zarafa-dagent >/dev/null 2>&1; then`,
  `  echo "Postfix still runs zarafa-dagent, which is gone: point it at /usr/sbin/kopano-dagent first (master.cf, main.cf)" >&2`,
  `  exit 1`,
  `fi`,
  `postconf -e "defer_transports = $(cat ${SAVED})"`,
  `postfix reload`,
  `postqueue -f`,
  `rm -f ${SAVED}`,
].join('\n');

/** Stop the services that take mail in; the MTA holds or defers what arrives meanwhile. */
export function stopIntakeCommand(): string {
  return `${HOLD_QUEUE}\nfor s in ${ZCP_INTAKE.join(' ')}; do\n  service "$s" stop 2>/dev/null || true\ndone`;
}
