import { ACTION_PHASES, type ActionPhase, type ManualAction, type RunbookStep } from '../../types.js';

/** What each phase is for, in a line: the runbook's headings and docs/runbook.md. */
export const PHASE_INFO: Record<ActionPhase, { title: string; why: string }> = {
  prepare: { title: 'Back up', why: 'Nothing is changed before there is room for every backup, /etc/zarafa is archived, the files the bundle replaces are copied, and the ZCP packages are recorded (their package files kept): a rollback needs all of them.' },
  collect: { title: 'Collect the files the new configuration reads', why: 'Keys, certificates, templates, scripts and plugins the translated files still use are copied out of the ZCP directories while they exist; removing the ZCP packages may delete them.' },
  stop: { title: 'Hold the mail, dump, stop ZCP', why: 'Mail intake stops first and the MTA defers what arrives; then every database is dumped (no mail can land after the dump), then zarafa-server and the rest stop.' },
  remove: { title: 'Remove ZCP', why: 'The ZCP packages conflict with Kopano Core\'s; every installed one is removed by name, per package family.' },
  install: { title: 'Install Kopano Core', why: 'From the distribution when it offers the target release, else from Kopano\'s repository for this distribution; the version is checked against the bundle\'s target.' },
  configure: { title: 'Install the bundle\'s files', why: 'The reviewed files go to their places as they are (checksums checked against MANIFEST.sha256, the replaced files backed up); nothing is translated on the mail server.' },
  data: { title: 'Data: attachments, index, owners', why: 'Data that moves is moved before it is handed to the user the daemons run as; the search index is rebuilt (ZCP 7.0/7.1) or reused (7.2).' },
  directory: { title: 'Directory (LDAP)', why: 'The directory must answer to the attribute names the translated ldap.cfg uses, and server entries must name Kopano\'s sockets.' },
  start: { title: 'Start and verify', why: 'kopano-server starts alone first, in safe mode (it upgrades the database on that start), the users are checked, safe mode goes off; then the other services, a test delivery, and only then the mail held since the stop.' },
  clients: { title: 'Clients', why: 'WebApp, Z-Push and Outlook connect to the server through settings outside /etc/zarafa.' },
  after: { title: 'After the migration', why: 'Old backup sets are not restorable by Kopano; new ones are made, and the saved files are kept safe until the migration is accepted.' },
  rollback: { title: 'The way back (runbook.sh --rollback)', why: 'Never run by --all. Holds the mail, stops Kopano, restores the replaced files and /etc/zarafa from the checked backups, the database only if kopano-server started on it, reinstalls the recorded ZCP packages, starts ZCP, releases the mail.' },
};

/**
 * Where each step goes, by id: the runbook's own steps and the rules' actions. A pattern ending in
 * `*` matches by prefix. Inside a phase the steps follow this table's order, then the order they
 * were raised in. The order encodes the constraints: a step a person must decide on before
 * anything changes (the database upgrade path) first; backups (prepare) and copies (collect)
 * before the removal; mail intake stopped before the dump, the dump before zarafa-server stops;
 * a move of the attachments before their chown; the mail released last.
 */
const TABLE: readonly (readonly [pattern: string, phase: ActionPhase])[] = [
  ['database:upgrade-path', 'prepare'],
  ['prepare:space', 'prepare'],
  ['prepare:etc-zarafa', 'prepare'],
  ['prepare:files', 'prepare'],
  ['prepare:zcp-packages', 'prepare'],
  ['prepare:users', 'prepare'],
  ['host:forward-check', 'prepare'],
  ['collect:*', 'collect'],
  ['files:copy:*', 'collect'],
  ['stop:intake', 'stop'],
  ['prepare:mysql:*', 'stop'],
  ['stop:zcp', 'stop'],
  ['prepare:attachments', 'stop'],
  ['remove:zcp-packages', 'remove'],
  ['remove:python-zarafa', 'remove'],
  ['install:repository', 'install'],
  ['install:packages', 'install'],
  ['owner:create-user', 'install'],
  ['configure:install', 'configure'],
  ['host:remove-packaged', 'configure'],
  ['host:reload', 'configure'],
  ['owner:run-dir', 'data'],
  ['owner:log-dir', 'data'],
  ['attachments:move', 'data'],
  ['owner:attachments', 'data'],
  ['owner:search-index', 'data'],
  ['search:move-index', 'data'],
  ['owner:*', 'data'],
  ['host:plugin-links', 'data'],
  ['attachments:*', 'data'],
  ['ldap:import-kopano-schema', 'directory'],
  ['ldap:migrate-entries', 'directory'],
  ['directory:ldif', 'directory'],
  ['ldap:server-file-path', 'directory'],
  ['ldap:*', 'directory'],
  ['start:safe-mode-on', 'start'],
  ['start:kopano-server', 'start'],
  ['start:check-users', 'start'],
  ['start:safe-mode-off', 'start'],
  ['start:restart-server', 'start'],
  ['search:rebuild', 'start'],
  ['start:services', 'start'],
  ['start:verify', 'start'],
  ['start:delivery-test', 'start'],
  ['start:delivery-test-lmtp', 'start'],
  ['start:release-queue', 'start'],
  ['host:delivery-test', 'start'],
  ['search:*', 'data'],
  ['database:*', 'install'],
  ['clients:outlook', 'clients'],
  ['clients:packages', 'clients'],
  ['clients:webapp', 'clients'],
  ['clients:z-push', 'clients'],
  ['clients:z-push-settings:*', 'clients'],
  ['clients:z-push-fixstates', 'clients'],
  ['clients:*', 'clients'],
  ['backups:*', 'after'],
  ['after:*', 'after'],
  ['rollback:hold-queue', 'rollback'],
  ['rollback:stop-kopano', 'rollback'],
  ['rollback:files', 'rollback'],
  ['rollback:etc-zarafa', 'rollback'],
  ['rollback:reload', 'rollback'],
  ['rollback:mysql:*', 'rollback'],
  ['rollback:*', 'rollback'],
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
