import { valueOf, type DaemonView } from './config-view.js';
import { sh } from './shell.js';

/**
 * Where the translated kopano-dagent takes LMTP, as host and port for a test session: the first
 * address of `lmtp_listen` (8.7 and 11.0), else `server_bind` and `lmtp_port` (8.0). A wildcard or
 * empty address is reached on the loopback. Undefined when the dagent runs no LMTP listener.
 */
export function lmtpAddress(dagent: DaemonView | undefined): { host: string; port: string } | undefined {
  if (!dagent) return undefined;
  const listen = valueOf(dagent.after, 'lmtp_listen');
  if (listen !== undefined) {
    const first = listen.trim().split(/\s+/)[0] ?? '';
    const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(first);
    if (!m) return undefined;
    const host = (m[1] ?? m[2] ?? '').replace(/%.*$/, '');
    return { host: host === '' || host === '*' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host, port: m[3]! };
  }
  const port = valueOf(dagent.after, 'lmtp_port');
  if (port === undefined || !/^\d+$/.test(port.trim())) return undefined;
  const bind = (valueOf(dagent.after, 'server_bind') ?? '').trim();
  return { host: bind === '' || bind === '0.0.0.0' ? '127.0.0.1' : bind, port: port.trim() };
}

/**
 * A bash command that delivers one message over LMTP (bash's /dev/tcp, no other tool) to
 * $TEST_RECIPIENT and fails unless the dagent accepted it: every reply 2xx or 3xx, a 354 for the data.
 */
export function lmtpTestCommand(address: { host: string; port: string }): string {
  const session = [
    'LHLO localhost', 'MAIL FROM:<root@localhost>', 'RCPT TO:<%s>', 'DATA',
    'From: root', 'To: %s', 'Subject: zarafa2kopano delivery test (LMTP)', '',
    'Delivered over LMTP by the migration runbook before the mail queue is released.', '.', 'QUIT', '',
  ].join('\\r\\n');
  return [
    ': "${TEST_RECIPIENT:?set TEST_RECIPIENT to a user to deliver the test message to}"',
    `reply=$(timeout 30 bash -c 'exec 3<>"/dev/tcp/$1/$2" || exit 1; printf "${session}" "$3" "$3" >&3; cat <&3' lmtp ${sh(address.host)} ${sh(address.port)} "$TEST_RECIPIENT")`,
    `printf '%s\\n' "$reply"`,
    `! printf '%s\\n' "$reply" | grep -q '^[45][0-9][0-9]' && printf '%s\\n' "$reply" | grep -q '^354'`,
  ].join('\n');
}
