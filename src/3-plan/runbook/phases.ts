import { ACTION_PHASES, type ActionPhase, type ManualAction, type RunbookStep } from '../../types.js';

/** What each phase is for, in a line: the runbook's headings and docs/runbook.md. */
export const PHASE_INFO: Record<ActionPhase, { title: string; why: string }> = {
  prepare: { title: 'Back up', why: 'Nothing is changed before the configuration, every database the configuration names and (when they move) the attachments are saved; the dumps are the only way back once kopano-server has upgraded the tables.' },
  collect: { title: 'Collect the files the new configuration reads', why: 'Keys, certificates, templates, scripts and plugins the translated files still use are copied out of the ZCP directories while they exist; removing the ZCP packages may delete them.' },
  stop: { title: 'Stop ZCP', why: 'No ZCP service may write to the database, the attachments or the index while they are upgraded or moved.' },
  remove: { title: 'Remove ZCP', why: 'The ZCP packages conflict with Kopano Core\'s; every installed one is removed by name, per package family.' },
  install: { title: 'Install Kopano Core', why: 'An old database is upgraded first where the target cannot do it itself; then the Kopano repository and the packages the configuration needs.' },
  configure: { title: 'Write the configuration', why: 'The translated files go to /etc/kopano, made again from the saved copy of /etc/zarafa with the options of this run.' },
  data: { title: 'Data: attachments, index, owners', why: 'Data that moves is moved before it is handed to the user the daemons run as; the search index is rebuilt (ZCP 7.0/7.1) or reused (7.2).' },
  directory: { title: 'Directory (LDAP)', why: 'The directory must answer to the attribute names the translated ldap.cfg uses, and server entries must name Kopano\'s sockets.' },
  start: { title: 'Start and verify', why: 'kopano-server starts alone first (it upgrades the database on that start), then the other services; then the checks.' },
  clients: { title: 'Clients', why: 'WebApp, Z-Push and Outlook connect to the server through settings outside /etc/zarafa.' },
  after: { title: 'After the migration', why: 'Old backup sets are not restorable by Kopano; new ones are made, and the saved files are kept safe until the migration is accepted.' },
};

/**
 * Where each step goes, by id: the runbook's own steps and the rules' actions. A pattern ending in
 * `*` matches by prefix. Inside a phase the steps follow this table's order, then the order they
 * were raised in. The order encodes the constraints: backups (prepare) and copies (collect) come
 * before the removal; the database upgrade path opens the install phase; a move of the
 * attachments comes before their chown.
 */
const TABLE: readonly (readonly [pattern: string, phase: ActionPhase])[] = [
  ['prepare:etc-zarafa', 'prepare'],
  ['prepare:mysql:*', 'prepare'],
  ['prepare:attachments', 'prepare'],
  ['host:forward-check', 'prepare'],
  ['host:backup', 'prepare'],
  ['host:translate', 'prepare'],
  ['collect:*', 'collect'],
  ['files:copy:*', 'collect'],
  ['stop:zcp', 'stop'],
  ['remove:zcp-packages', 'remove'],
  ['remove:python-zarafa', 'remove'],
  ['database:upgrade-path', 'install'],
  ['install:repository', 'install'],
  ['install:packages', 'install'],
  ['owner:create-user', 'install'],
  ['configure:write', 'configure'],
  ['host:install', 'configure'],
  ['host:locale', 'configure'],
  ['host:remove-packaged', 'configure'],
  ['owner:run-dir', 'data'],
  ['owner:log-dir', 'data'],
  ['attachments:move', 'data'],
  ['owner:attachments', 'data'],
  ['owner:search-index', 'data'],
  ['search:move-index', 'data'],
  ['owner:*', 'data'],
  ['attachments:*', 'data'],
  ['ldap:import-kopano-schema', 'directory'],
  ['ldap:migrate-entries', 'directory'],
  ['directory:ldif', 'directory'],
  ['ldap:server-file-path', 'directory'],
  ['ldap:*', 'directory'],
  ['start:kopano-server', 'start'],
  ['search:rebuild', 'start'],
  ['start:services', 'start'],
  ['start:verify', 'start'],
  ['host:reload', 'start'],
  ['host:delivery-test', 'start'],
  ['search:*', 'data'],
  ['database:*', 'install'],
  ['clients:*', 'clients'],
  ['backups:*', 'after'],
  ['after:*', 'after'],
];

/**
 * Rule actions the runbook's own steps replace: the ZCP backup and purge (host and package family
 * aware), the start check (kopano-server first, then the rest). `files:copy:*` is replaced per path
 * by the grouped collect steps (plan-runbook.ts).
 */
export const SUPERSEDED: ReadonlySet<string> = new Set([
  'backup:etc-zarafa', 'backup:mysql', 'backup:mysql-archiver', 'packages:purge-zcp', 'verify:start',
]);

function matches(pattern: string, id: string): boolean {
  return pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}

/** Index of the table row for `id`; an id no row names goes to the end of the data phase. */
function rowOf(id: string): number {
  const i = TABLE.findIndex(([p]) => matches(p, id));
  return i === -1 ? TABLE.length : i;
}

export function phaseFor(id: string): ActionPhase {
  const i = rowOf(id);
  return i === TABLE.length ? 'data' : TABLE[i]![1];
}

/** Phase order, then table order, then the order given (stable). Every action gets its phase. */
export function orderSteps(actions: readonly ManualAction[]): RunbookStep[] {
  const withPhase = actions.map((a, i) => ({ a: { ...a, phase: a.phase ?? phaseFor(a.id) }, i }));
  const rank = (a: ManualAction) => {
    const row = rowOf(a.id);
    if (row !== TABLE.length) return row;
    // Unlisted: after the phase's listed steps.
    let last = -1;
    TABLE.forEach(([, p], i) => { if (p === a.phase) last = i; });
    return last + 0.5;
  };
  return withPhase
    .sort((x, y) => ACTION_PHASES.indexOf(x.a.phase) - ACTION_PHASES.indexOf(y.a.phase) || rank(x.a) - rank(y.a) || x.i - y.i)
    .map((x) => x.a);
}
