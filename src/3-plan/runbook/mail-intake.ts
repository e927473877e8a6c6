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

/** Host services stopped with the intake, one a line: the ones to start again at the release. */
const STOPPED = `${WORK_DIR}/intake-stopped`;

/**
 * Stop the host's own intake services (fetchmail delivering to the dagent) that run now, each noted
 * once so the release starts exactly those; one that does not run stays as it is.
 */
export function stopHostIntake(services: readonly string[]): string {
  if (services.length === 0) return '';
  return [
    `for s in ${services.join(' ')}; do`,
    `  if systemctl is-active --quiet "$s"; then`,
    `    install -d -m 0700 ${WORK_DIR}`,
    `    grep -Fxqs "$s" ${STOPPED} || echo "$s" >> ${STOPPED}`,
    `    systemctl stop "$s"`,
    `    echo "stopped $s; it starts again where the mail is released"`,
    `  fi`,
    `done`,
  ].join('\n');
}

/** Start again the host intake services stopHostIntake stopped (none noted: nothing to do). */
export const START_HOST_INTAKE = [
  `if test -e ${STOPPED}; then`,
  `  while read -r s; do`,
  `    systemctl start "$s"`,
  `    echo "started $s again"`,
  `  done < ${STOPPED}`,
  `  rm -f ${STOPPED}`,
  `fi`,
].join('\n');

/** Release the deferred mail, then start the host's intake services again (the release may end its shell early: a subshell). */
export function releaseIntakeCommand(services: readonly string[]): string {
  if (services.length === 0) return RELEASE_QUEUE;
  return `(\n${RELEASE_QUEUE.split('\n').map((l) => `  ${l}`).join('\n')}\n)\n${START_HOST_INTAKE}`;
}

/** Hold the mail for the dagent, then stop the host's intake services that deliver to it. */
export function holdIntakeCommand(services: readonly string[]): string {
  return [HOLD_QUEUE, stopHostIntake(services)].filter((c) => c !== '').join('\n');
}

/** Stop the services that take mail in; the MTA holds or defers what arrives meanwhile. */
export function stopIntakeCommand(services: readonly string[] = []): string {
  return `${holdIntakeCommand(services)}\nfor s in ${ZCP_INTAKE.join(' ')}; do\n  service "$s" stop 2>/dev/null || true\ndone`;
}
