import type { DaemonFile, TableVersion } from '../../options/index.js';
import type { FileTranslation, ManualAction, RunbookStep, Source, SourceFamily, Target } from '../../types.js';
import { collectFiles } from './collect-files.js';
import { daemonViews, fromOf, valueOf, type DaemonView } from './config-view.js';
import { databaseBackup, databaseOf } from './database-backup.js';
import { installCommands, kopanoPackages, REPOSITORY } from './kopano-install.js';
import { orderSteps, SUPERSEDED } from './phases.js';
import { sh, trimSlash, WORK_DIR } from './shell.js';
import { PYTHON_ZARAFA_DIRS, zcpDebPackages, zcpRpmPackages, zcpServices } from './zcp-packages.js';

/** What the runbook is planned from: the translation's result and the options it ran with. */
export interface RunbookInput {
  files: readonly FileTranslation[];
  /** The source release (a ZCP family) and the evidence for it. */
  source: { version: string; evidence: readonly string[]; /** Each file's own source, when detected per file. */ files?: Readonly<Record<string, string>> };
  target: Target;
  options: {
    attachments: 'keep' | 'move';
    ldapSchema: 'zarafa' | 'kopano';
    /** The source as the user forced it (else detected); the configure step passes it on. */
    source?: Source;
    /** `--kopano-dir`: the configure step merges into the installed files instead of replacing them. */
    kopanoDir?: string;
    /** `--run-as` as the user gave it; the configure step passes it on. */
    runAs?: { user: string; group: string };
  };
  /** The rules' actions, each with the file that raised it. */
  ruleActions: readonly { action: ManualAction; file: string }[];
}

const KOPANO_ATTACHMENTS = '/var/lib/kopano/attachments';
const STAGING = `${WORK_DIR}/kopano`;
const SAVED_ZARAFA = `${WORK_DIR}/etc-zarafa`;

/**
 * The whole migration of this host as ordered steps: the rules' actions (given their phase, the
 * ones the runbook's own steps replace left out) and the host-level steps around the translated
 * files — backups, the copies out of /etc/zarafa, stopping and removing ZCP per package family,
 * installing Kopano, writing the configuration, starting and checking, the clients, new backups.
 * Pure: it reads the texts and options it is given, nothing on disk.
 */
export function planRunbook(input: RunbookInput): RunbookStep[] {
  const release = zcpRelease(input.source.version);
  const views = daemonViews(input.files, release, input.target as TableVersion);
  const server = views.find((v) => v.daemon === 'server.cfg');
  const collected = collectFiles(views);

  const steps: ManualAction[] = [];
  steps.push(...prepareSteps(input, views, server));
  steps.push(...collected.actions);
  // A directory already written for Kopano has no ZCP packages or database to migrate.
  if (!input.source.version.startsWith('kopano-')) steps.push(...zcpSteps(release));
  steps.push(...installSteps(views));
  steps.push(configureStep(input, release));
  if (input.options.ldapSchema === 'kopano') {
    const ldap = views.find((v) => v.daemon === 'ldap.cfg');
    if (ldap) steps.push(ldifStep(ldap));
  }
  steps.push(...startSteps(views));
  if (server) steps.push(outlookStep(server));
  steps.push(webPackagesStep());
  const phpMapi = views.find((v) => v.daemon === 'php-mapi.cfg');
  if (phpMapi) steps.push(phpMapiStep(phpMapi));
  steps.push(oldBackupsStep(), keepWorkDirStep());
  if (input.target === '11.0' && server) steps.push(utf8mb4Step(server));

  // The rules' actions: one per id (paths united), from the first file that raised it.
  const rules = new Map<string, ManualAction>();
  for (const { action, file } of input.ruleActions) {
    if (SUPERSEDED.has(action.id)) continue;
    if (action.id.startsWith('files:copy:') && collected.handled.has(action.id.slice('files:copy:'.length))) continue;
    const seen = rules.get(action.id);
    if (!seen) rules.set(action.id, { ...action, ...(action.paths ? { paths: [...action.paths] } : {}), from: action.from ?? { file } });
    else if (action.paths) seen.paths = [...new Set([...(seen.paths ?? []), ...action.paths])];
  }
  const attachmentsMove = rules.get('attachments:move');
  if (attachmentsMove) {
    const [from] = attachmentsMove.paths ?? [];
    if (from) attachmentsMove.check = `test -d ${KOPANO_ATTACHMENTS} && ! test -e ${sh(trimSlash(from))}`;
  }
  const indexMove = rules.get('search:move-index');
  if (indexMove) {
    // Optional: kopano-search finds the index where it is; moving it also needs index_path changed.
    indexMove.optional = true;
    if (indexMove.paths?.[0]) indexMove.check = `! test -e ${sh(trimSlash(indexMove.paths[0]))}`;
  }
  return orderSteps([...steps, ...rules.values()]);
}

function zcpRelease(version: string): SourceFamily {
  return version === '7.0' || version === '7.1' ? version : '7.2';
}

function prepareSteps(input: RunbookInput, views: readonly DaemonView[], server: DaemonView | undefined): ManualAction[] {
  const out: ManualAction[] = [{
    id: 'prepare:etc-zarafa',
    phase: 'prepare',
    reason: `Keep the ZCP configuration: an archive, and a copy the configure step translates again once /etc/zarafa is gone with the ZCP packages. ${WORK_DIR} is root's only (mode 0700): the files hold passwords.`,
    command: [
      `install -d -m 0700 ${WORK_DIR}`,
      `tar -C /etc -czf ${WORK_DIR}/etc-zarafa.tar.gz zarafa`,
      `rm -rf ${SAVED_ZARAFA}.part && cp -a /etc/zarafa ${SAVED_ZARAFA}.part && mv ${SAVED_ZARAFA}.part ${SAVED_ZARAFA}`,
    ].join('\n'),
    check: `test -d ${SAVED_ZARAFA}`,
    paths: ['/etc/zarafa', `${WORK_DIR}/etc-zarafa.tar.gz`, SAVED_ZARAFA],
  }];
  const seen = new Set<string>();
  for (const view of views) {
    if (view.daemon !== 'server.cfg' && view.daemon !== 'archiver.cfg') continue;
    const db = databaseOf(view);
    if (!db) continue;
    const key = [db.name, db.host, db.port, db.socket].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(databaseBackup(db, view.daemon === 'server.cfg'
      ? 'kopano-server upgrades the tables in place on its first start; this dump is the way back.'
      : 'The archiver keeps using its database under Kopano; dump it with the main one.'));
  }
  const storage = server && valueOf(server.before, 'attachment_storage');
  const path = server && valueOf(server.before, 'attachment_path');
  if (input.options.attachments === 'move' && storage === 'files' && path && trimSlash(path) !== KOPANO_ATTACHMENTS) {
    const from = trimSlash(path);
    const slash = from.lastIndexOf('/');
    out.push({
      id: 'prepare:attachments',
      phase: 'prepare',
      reason: `The attachments move from ${from} to ${KOPANO_ATTACHMENTS} in the data phase; archive them first (with the database dump, the only copy of the mail).`,
      command: `tar -C ${sh(from.slice(0, slash) || '/')} -cf ${WORK_DIR}/attachments.tar.part ${sh(from.slice(slash + 1))} && mv ${WORK_DIR}/attachments.tar.part ${WORK_DIR}/attachments.tar`,
      check: `test -s ${WORK_DIR}/attachments.tar`,
      paths: [from, `${WORK_DIR}/attachments.tar`],
      from: fromOf(server, 'attachment_path'),
    });
  }
  return out;
}

function zcpSteps(release: SourceFamily): ManualAction[] {
  const deb = zcpDebPackages(release).join(' ');
  const rpm = zcpRpmPackages(release).join(' ');
  const rpmInstalled = `rpm -q --qf '%{NAME}\\n' ${rpm} 2>/dev/null | grep -v ' '`;
  return [
    {
      id: 'stop:zcp',
      phase: 'stop',
      reason: 'Stop every ZCP service (zarafa-server last) so nothing writes to the database, the attachments or the index while they are moved and upgraded.',
      command: `for s in ${zcpServices(release).join(' ')}; do\n  service "$s" stop 2>/dev/null || true\ndone`,
    },
    {
      id: 'remove:zcp-packages',
      phase: 'remove',
      reason: `The ZCP ${release} packages conflict with Kopano Core's (libmapi, php-mapi, python-mapi included): remove every one that is installed, by name. ` +
        'zarafa-webapp and z-push depend on php-mapi and may go with it; the clients phase installs the Kopano ones.',
      commands: {
        apt: `dpkg-query -W -f='\${db:Status-Abbrev} \${Package}\\n' ${deb} 2>/dev/null | awk '$1 ~ /^.i/ { print $2 }' | xargs -r apt-get purge -y`,
        dnf: `${rpmInstalled} | xargs -r dnf remove -y`,
        zypper: `${rpmInstalled} | xargs -r zypper --non-interactive remove`,
      },
    },
    {
      id: 'remove:python-zarafa',
      phase: 'remove',
      reason: 'A python-zarafa installed from its source repository (not a package) is not removed with the packages and would shadow python-kopano; move it aside.',
      command: `for d in ${PYTHON_ZARAFA_DIRS.join(' ')}; do\n  if test -d "$d"; then mv "$d" "${WORK_DIR}/python-zarafa.$(echo "$d" | tr / _)"; fi\ndone`,
      paths: [...PYTHON_ZARAFA_DIRS],
    },
  ];
}

function installSteps(views: readonly DaemonView[]): ManualAction[] {
  const daemons = new Set<DaemonFile>(views.map((v) => v.daemon));
  const packages = kopanoPackages(daemons);
  return [
    {
      id: 'install:repository',
      phase: 'install',
      reason: 'Add the Kopano Core repository of the distribution (Debian, RHEL, SLES); replace <KOPANOSERIAL> with the subscription serial and the distribution directory with the host\'s release.',
      commands: { apt: REPOSITORY.apt.command, dnf: REPOSITORY.dnf.command, zypper: REPOSITORY.zypper.command },
    },
    {
      id: 'install:packages',
      phase: 'install',
      reason: `Install Kopano Core for the daemons this configuration sets up: ${packages.join(', ')}.`,
      commands: installCommands(packages),
    },
  ];
}

function configureStep(input: RunbookInput, release: SourceFamily): ManualAction {
  // Detected per file (Kopano-era files among them): one --source would force every file to it, so
  // the re-run detects again, from the same saved files.
  const perFile = Object.values(input.source.files ?? {}).some((s) => s !== input.source.version) || input.source.version.startsWith('kopano-');
  const source = input.options.source ?? (perFile ? undefined : release);
  const flags = [...(source !== undefined ? [`--source ${source}`] : []), `--target ${input.target}`];
  if (input.options.ldapSchema !== 'zarafa') flags.push(`--ldap-schema ${input.options.ldapSchema}`);
  if (input.options.attachments !== 'keep') flags.push(`--attachments ${input.options.attachments}`);
  if (input.options.runAs !== undefined) flags.push(`--run-as ${input.options.runAs.user}:${input.options.runAs.group}`);
  if (input.options.kopanoDir !== undefined) flags.push('--kopano-dir /etc/kopano');
  return {
    id: 'configure:write',
    phase: 'configure',
    reason: `Write the translated configuration: the same translation as this run (${flags.join(' ')}), made again from the saved copy of /etc/zarafa, ` +
      `${input.options.kopanoDir !== undefined ? 'merged into the files the Kopano packages installed, ' : ''}then copied into /etc/kopano.`,
    command: [
      `zarafa2kopano ${flags.join(' ')} --out ${STAGING} --force ${SAVED_ZARAFA}`,
      `install -d /etc/kopano && cp -a ${STAGING}/. /etc/kopano/`,
    ].join('\n'),
    paths: [SAVED_ZARAFA, STAGING, '/etc/kopano'],
  };
}

function ldifStep(ldap: DaemonView): ManualAction {
  const base = valueOf(ldap.after, 'ldap_search_base') ?? '';
  const uri = valueOf(ldap.after, 'ldap_uri') || `ldap://${valueOf(ldap.after, 'ldap_host') || 'localhost'}:${valueOf(ldap.after, 'ldap_port') || '389'}`;
  const bind = valueOf(ldap.after, 'ldap_bind_user') || '<admin dn>';
  return {
    id: 'directory:ldif',
    phase: 'directory',
    reason: 'Turn the directory\'s zarafa* classes and attributes into kopano* ones with zarafa2kopano ldif: export the entries on the LDAP server, review the change file, apply it with an administrator bind (ldapmodify asks for the password).',
    command: [
      `slapcat -b ${sh(base || '<search base>')} > ${WORK_DIR}/directory.ldif`,
      `zarafa2kopano ldif --mode modify ${WORK_DIR}/directory.ldif > ${WORK_DIR}/directory-kopano.ldif`,
      `ldapmodify -x -H ${sh(uri.split(/\s+/)[0]!)} -D ${sh(bind)} -W -f ${WORK_DIR}/directory-kopano.ldif`,
    ].join('\n'),
    paths: [`${WORK_DIR}/directory.ldif`, `${WORK_DIR}/directory-kopano.ldif`],
    from: fromOf(ldap, 'ldap_search_base', 'after'),
  };
}

const SERVICES: readonly (readonly [DaemonFile, string])[] = [
  ['search.cfg', 'kopano-search'],
  ['spooler.cfg', 'kopano-spooler'],
  ['dagent.cfg', 'kopano-dagent'],
  ['gateway.cfg', 'kopano-gateway'],
  ['ical.cfg', 'kopano-ical'],
  ['monitor.cfg', 'kopano-monitor'],
  ['presence.cfg', 'kopano-presence'],
];

function startSteps(views: readonly DaemonView[]): ManualAction[] {
  const daemons = new Set(views.map((v) => v.daemon));
  const services = SERVICES.filter(([d]) => daemons.has(d)).map(([, s]) => s);
  const out: ManualAction[] = [{
    id: 'start:kopano-server',
    phase: 'start',
    reason: 'Start kopano-server alone first: it upgrades the database tables on this start, which can take long on a big database; wait until its log says it is ready before starting anything else.',
    command: 'systemctl start kopano-server\ntail -n 20 /var/log/kopano/server.log',
    check: 'systemctl is-active --quiet kopano-server',
    paths: ['/var/log/kopano/server.log'],
  }];
  if (services.length > 0) {
    out.push({
      id: 'start:services',
      phase: 'start',
      reason: `Start the other Kopano services this configuration sets up: ${services.join(', ')}.`,
      command: `systemctl start ${services.join(' ')}`,
    });
  }
  out.push({
    id: 'start:verify',
    phase: 'start',
    reason: 'Check that the server answers and lists the users and their stores, and that every service runs.',
    command: `kopano-admin -l\nsystemctl --no-pager is-active kopano-server${services.map((s) => ` ${s}`).join('')}`,
  });
  return out;
}

function outlookStep(server: DaemonView): ManualAction {
  return {
    id: 'clients:outlook',
    phase: 'clients',
    reason: 'Outlook with the Zarafa Windows client keeps working against Kopano only with the client of ZCP 7.2 or later: update older clients (7.0, 7.1) before users connect, or move them to Kopano\'s Outlook extension over Z-Push (ActiveSync).',
    from: fromOf(server, 'server_tcp_enabled', 'after'),
  };
}

function webPackagesStep(): ManualAction {
  return {
    id: 'clients:packages',
    phase: 'clients',
    reason: 'WebApp and Z-Push come from their own Kopano repositories (webapp:/final and z-push:/final next to core:/final, with the same <KOPANOSERIAL>): install kopano-webapp and z-push-kopano there in place of the Zarafa ones, then set the server socket as the next steps say.',
  };
}

/**
 * php-mapi.cfg is read by Kopano's PHP extension (LoadSettingsFile in php-ext/php7-ext main.cpp), inside
 * the web server's PHP, not by a service: the web server reads it on its next start, and a log file
 * is written as the web server's user.
 */
function phpMapiStep(view: DaemonView): ManualAction {
  const method = valueOf(view.after, 'log_method');
  const logFile = valueOf(view.after, 'log_file');
  const logsToFile = method === 'file' && logFile !== undefined && logFile !== '' && logFile !== '-';
  return {
    id: 'clients:php-mapi',
    phase: 'clients',
    reason: 'WebApp and Z-Push run on Kopano\'s PHP extension (php-mapi), which reads /etc/kopano/php-mapi.cfg when the web server\'s PHP starts: ' +
      'restart the web server (or php-fpm) once WebApp is installed so it reads the translated file.' +
      (logsToFile ? ` It logs to ${logFile} as the web server's user: that user must be able to write the file.` : ''),
    paths: ['/etc/kopano/php-mapi.cfg', ...(logsToFile ? [logFile] : [])],
    from: logsToFile ? fromOf(view, 'log_file', 'after') : { file: view.file },
  };
}

function oldBackupsStep(): ManualAction {
  return {
    id: 'after:old-backups',
    phase: 'after',
    reason: 'Backup sets made by zarafa-backup of ZCP 7.2.1 or older cannot be restored by kopano-backup: keep them only as long as a ZCP host could restore them, and count on the new kopano-backup sets from now on.',
  };
}

/**
 * Kopano (since 8.7, RELNOTES 8.6.91) no longer converts the database to utf8mb4 itself; kopano-dbadm usmp
 * does, with kopano-server stopped. Optional: the ZCP tables work as they are, only 4-byte characters
 * (emoji) in names and subjects need it.
 */
function utf8mb4Step(server: DaemonView): ManualAction {
  return {
    id: 'after:utf8mb4',
    phase: 'after',
    reason: 'Optional: the ZCP tables keep MySQL\'s 3-byte utf8, so names and properties with 4-byte characters (emoji) cannot be stored. Kopano 11 no longer converts the database itself: with kopano-server stopped (after a backup), kopano-dbadm usmp converts it to utf8mb4.',
    command: 'systemctl stop kopano-server\nkopano-dbadm usmp\nsystemctl start kopano-server',
    optional: true,
    from: fromOf(server, 'mysql_database', 'after'),
  };
}

function keepWorkDirStep(): ManualAction {
  return {
    id: 'after:work-dir',
    phase: 'after',
    reason: `${WORK_DIR} holds the database dumps and the old configuration (with its passwords): keep it root's only until the migration is accepted, then archive or delete it.`,
    paths: [WORK_DIR],
  };
}
