import { finding, setValue } from '../rule-steps.js';
import type { DaemonFile } from '../../options/index.js';
import type { Rule } from '../rule.js';
import { mapSocket } from './lib/sockets.js';
import { programOf } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';

/** The options of each daemon file that name a socket (own listening sockets and the server's). */
function socketKeys(daemon: DaemonFile): readonly string[] {
  switch (daemon) {
    case 'server.cfg':
      // unix_socket is an alias of server_pipe_name in every version.
      return ['server_pipe_name', 'unix_socket', 'server_pipe_priority', 'search_socket', 'license_socket'];
    case 'search.cfg':
      return ['server_bind_name', 'server_socket'];
    case 'ldap.cfg':
    case 'ldap.propmap.cfg':
    case 'unix.cfg':
      return [];
    default:
      return ['server_socket'];
  }
}

export const socketsRule: Rule = {
  id: 'sockets',
  title: 'Move every Zarafa socket to /var/run/kopano/{server,prio,search}.sock',
  why:
    'kopano-server creates its sockets in /var/run/kopano, the directory its kopano user may write to, and every ' +
    'client finds the server there by default; a client still pointing at /var/run/zarafa cannot connect once ' +
    'ZCP is gone.',
  guide: 'Point server_pipe_name, server_pipe_priority, search_socket, license_socket and every server_socket at the Kopano sockets.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    // The socket lines in file order, from the planner's index instead of a walk of every setting.
    const lines = socketKeys(ctx.daemon).flatMap((key) => ctx.plan.linesOf(key)).sort((x, y) => x.number - y.number);
    for (const line of lines) {
      const key = ctx.plan.plannedKey(line.number)!;
      const value = ctx.plan.plannedValue(line.number)!;
      const m = mapSocket(value);
      if (m.kind === 'zarafa') {
        const why = /^https?:/i.test(value)
          ? 'kopano-server ignores the URL path; /zarafa was the Zarafa name of the SOAP endpoint'
          : 'the Zarafa socket location; Kopano keeps its sockets in /var/run/kopano';
        yield setValue(line.number, m.value, why);
      } else if (m.kind === 'custom') {
        yield finding('CUSTOM_SOCKET_KEPT', 'warning', line.number,
          `${key} = ${value} is not a Zarafa default socket and is kept; make sure ${programOf(ctx.daemon)} ` +
          `(running as ${ctx.options.runAs.user}) can create or reach it, and that its clients use the same path`);
      }
    }
  },
};
