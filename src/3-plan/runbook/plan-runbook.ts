import type { DaemonFile, TableVersion } from '../../options/index.js';
import type { FileTranslation, ManualAction, RunbookStep, Source, SourceFamily, Target } from '../../types.js';
import { KOPANO_ETC, loneDirBundleFiles, ZARAFA_ETC, type BundleFile } from './bundle-files.js';
import { collectFiles } from './collect-files.js';
import { daemonViews, fromOf, valueOf, type DaemonView } from './config-view.js';
import { databaseBackup, databaseOf, databaseRestore, KOPANO_STARTED, type Database } from './database-backup.js';
import { installCommands, kopanoPackages, removeCommands, sourceCommands } from './kopano-install.js';
import { pluginLinksStep, reloadStep, removeStep } from './host-steps.js';
import { lmtpAddress, lmtpTestCommand } from './lmtp-test.js';
import { holdIntakeCommand, releaseIntakeCommand, stopIntakeCommand, ZCP_INTAKE } from './mail-intake.js';
import { orderSteps, SUPERSEDED } from './phases.js';
import { sh, trimSlash, WORK_DIR } from './shell.js';
import { PYTHON_ZARAFA_DIRS, recordZcpCommands, reinstallZcpCommands, zcpDebPackages, zcpRpmPackages, zcpServices } from './zcp-packages.js';

/** What the runbook is planned from: the translation's result and the options it ran with. */
export interface RunbookInput {
  files: readonly FileTranslation[];
  /** The source release (a ZCP family) and the evidence for it. */
  source: { version: string; evidence: readonly string[]; /** Each file's own source, when detected per file. */ files?: Readonly<Record<string, string>> };
  target: Target;
  options: {
    attachments: 'keep' | 'move';
    ldapSchema: 'zarafa' | 'kopano';
    /** The source as the user forced it (else detected). */
    source?: Source;
    /** `--kopano-dir`: the bundle's files were merged into the installed Kopano files. */
    kopanoDir?: string;
    /** `--run-as` as the user gave it. */
    runAs?: { user: string; group: string };
  };
  /** The rules' actions, each with the file that raised it. */
  ruleActions: readonly { action: ManualAction; file: string }[];
  /** The files the bundle installs on the host; absent: each translated file under /etc/kopano (a lone directory). */
  hostFiles?: readonly BundleFile[];
  /** Host files the bundle removes (superseded by the Kopano packages' own): backed up, removed, put back by the way back. */
  removedFiles?: readonly string[];
  /** Host services that deliver to the dagent (fetchmail): stopped with the intake, started where the mail is released. */
  intakeServices?: readonly string[];
}

const KOPANO_ATTACHMENTS = '/var/lib/kopano/attachments';
const SERVER_CFG = `${KOPANO_ETC}/server.cfg`;

/**
 * The whole migration of this host as ordered steps: the rules' actions (given their phase, the
 * ones the runbook's own steps replace left out) and the host-level steps around the translated
 * files — backups, holding the mail, the dump, stopping and removing ZCP per package family,
 * installing Kopano, installing the bundle's files, a careful first start, the clients, new
 * backups — and the way back (the rollback phase, which `--all` never runs).
 * Pure: it reads the texts and options it is given, nothing on disk.
 */
export function planRunbook(input: RunbookInput): RunbookStep[] {
  const release = zcpRelease(input.source.version);
  const views = daemonViews(input.files, release, input.target as TableVersion);
  const server = views.find((v) => v.daemon === 'server.cfg');
  const collected = collectFiles(views);
  const hostFiles = input.hostFiles ?? loneDirBundleFiles(input.files);
  const removed = input.removedFiles ?? [];
  const zcp = !input.source.version.startsWith('kopano-');
  const databases = databasesOf(views);
  const daemons = new Set<DaemonFile>(views.map((v) => v.daemon));
  const packages = kopanoPackages(daemons);
  const safeMode = hostFiles.some((f) => f.hostPath === SERVER_CFG);
  const intake = input.intakeServices ?? [];

  const steps: ManualAction[] = [];
  steps.push(...prepareSteps(input, hostFiles, removed, databases, server, release, zcp));
  steps.push(...collected.actions);
  // A directory already written for Kopano has no ZCP packages or database to migrate.
  if (zcp) steps.push(...zcpSteps(release, intake));
  steps.push(...installSteps(packages, input.target));
  steps.push(configureStep(input, hostFiles));
  const reload = reloadStep(hostFiles, zcp);
  if (reload) steps.push(reload);
  const remove = removeStep(removed);
  if (remove) steps.push(remove);
  // The runbook runs on the host, directory or --root alike: the plugin links of the daemons translated.
  if (zcp && (daemons.has('dagent.cfg') || daemons.has('spooler.cfg'))) steps.push(pluginLinksStep());
  // The rules' by-hand ldap:migrate-entries is what directory:ldif does with commands: listed once.
  const ldif = input.options.ldapSchema === 'kopano' ? views.find((v) => v.daemon === 'ldap.cfg') : undefined;
  if (ldif) steps.push(ldifStep(ldif));
  steps.push(...startSteps(views, input.target, safeMode, zcp, intake));
  if (server) steps.push(outlookStep(server));
  steps.push(webPackagesStep());
  const phpMapi = views.find((v) => v.daemon === 'php-mapi.cfg');
  if (phpMapi) steps.push(phpMapiStep(phpMapi));
  steps.push(oldBackupsStep(), keepWorkDirStep());
  if (input.target === '11.0' && server) steps.push(utf8mb4Step(server));
  steps.push(...rollbackSteps(views, [...hostFiles.map((f) => f.hostPath), ...removed], databases, packages, release, zcp, intake));
  const reloadBack = reloadStep(hostFiles, zcp, 'rollback:reload');
  if (reloadBack) steps.push({ ...reloadBack, phase: 'rollback' });

  // The rules' actions: one per id (paths united), from the file that raised it. One several files
  // raise without naming a setting (owner:create-user from every daemon file) is the host's: no file.
  const rules = new Map<string, ManualAction>();
  const raisedBy = new Map<string, Set<string>>();
  for (const { action, file } of input.ruleActions) {
    if (SUPERSEDED.has(action.id) || (ldif && action.id === 'ldap:migrate-entries')) continue;
    if (action.id.startsWith('files:copy:') && collected.handled.has(action.id.slice('files:copy:'.length))) continue;
    const seen = rules.get(action.id);
    if (!action.from) raisedBy.set(action.id, (raisedBy.get(action.id) ?? new Set()).add(file));
    if (!seen) rules.set(action.id, { ...action, ...(action.paths ? { paths: [...action.paths] } : {}), from: action.from ?? { file } });
    else if (action.paths) seen.paths = [...new Set([...(seen.paths ?? []), ...action.paths])];
  }
  for (const [id, files] of raisedBy) {
    const a = rules.get(id)!;
    if (files.size > 1 && a.from?.line === undefined) delete a.from;
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

/** Every database the server and archiver configurations name, once each. */
function databasesOf(views: readonly DaemonView[]): { db: Database; main: boolean }[] {
  const seen = new Set<string>();
  const out: { db: Database; main: boolean }[] = [];
  for (const view of views) {
    if (view.daemon !== 'server.cfg' && view.daemon !== 'archiver.cfg') continue;
    const db = databaseOf(view);
    if (!db) continue;
    const key = [db.name, db.host, db.port, db.socket].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ db, main: view.daemon === 'server.cfg' });
  }
  return out;
}

function prepareSteps(input: RunbookInput, hostFiles: readonly BundleFile[], removed: readonly string[], databases: readonly { db: Database; main: boolean }[], server: DaemonView | undefined, release: SourceFamily, zcp: boolean): ManualAction[] {
  const storage = server && valueOf(server.before, 'attachment_storage');
  const path = server && valueOf(server.before, 'attachment_path');
  const moving = input.options.attachments === 'move' && storage === 'files' && path && trimSlash(path) !== KOPANO_ATTACHMENTS ? trimSlash(path) : undefined;
  const backedUp = [...hostFiles.map((f) => f.hostPath), ...removed];
  const sized = [ZARAFA_ETC, ...backedUp, ...(moving ? [moving] : [])];
  const dbDirs = databases.filter(({ db }) => db.host === undefined || db.host === 'localhost' || db.host === '127.0.0.1').map(({ db }) => `/var/lib/mysql/${db.name}`);
  const out: ManualAction[] = [{
    id: 'prepare:space',
    phase: 'prepare',
    scope: 'files',
    reason: `Check first that ${WORK_DIR} has room for every backup a rollback needs: the ZCP configuration, the files the bundle replaces, ` +
      `the database dump${dbDirs.length > 0 ? ' (about the size of its MySQL directory)' : ' (a database on another host is not measured: leave room for it)'}${moving ? ' and the attachments archive' : ''}, with a margin. Nothing goes on without it.`,
    command: `check_space ${[...sized, ...dbDirs].map(sh).join(' ')}`,
    paths: [WORK_DIR],
  }, {
    id: 'prepare:etc-zarafa',
    phase: 'prepare',
    scope: 'files',
    reason: `Keep the ZCP configuration as it is now: an archive (with its checksum) of /etc/zarafa in ${WORK_DIR}, root's only (mode 0700): the files hold passwords. The way back restores it from there.`,
    command: `backup_tree ${ZARAFA_ETC}`,
    paths: [ZARAFA_ETC, `${WORK_DIR}/etc-zarafa.tar.gz`],
  }, {
    id: 'prepare:files',
    phase: 'prepare',
    scope: 'files',
    reason: `Back up every file the bundle will replace${removed.length > 0 ? ' or remove' : ''}, as it is now (a copy and its checksum in ${WORK_DIR}/backup), and note the ones that do not exist yet: the way back restores the first and removes the others.`,
    command: backedUp.map((p) => `backup_file ${sh(p)}`).join('\n'),
    paths: backedUp,
  }];
  if (zcp) {
    out.push({
      id: 'prepare:zcp-packages',
      phase: 'prepare',
      reason: `Record the exact name and version of every installed ZCP package and keep its package file (from the package cache, or downloaded again with apt) in ${WORK_DIR}/zcp-packages, so the way back can reinstall exactly these. The ones it cannot keep are named now, before anything is removed.`,
      commands: recordZcpCommands(release),
      paths: [`${WORK_DIR}/zcp-packages`],
    }, {
      id: 'prepare:users',
      phase: 'prepare',
      reason: 'Save the list of users ZCP serves, to compare with the list Kopano shows on its first start.',
      command: `install -d -m 0700 ${WORK_DIR}\nzarafa-admin -l > ${WORK_DIR}/zcp-users.txt`,
      paths: [`${WORK_DIR}/zcp-users.txt`],
    });
  }
  for (const { db, main } of databases) {
    out.push(databaseBackup(db, main
      ? 'kopano-server upgrades the tables in place on its first start; this dump, made once mail intake has stopped, is the way back.'
      : 'The archiver keeps using its database under Kopano; dump it with the main one.'));
  }
  if (moving) {
    const slash = moving.lastIndexOf('/');
    out.push({
      id: 'prepare:attachments',
      phase: 'stop',
      reason: `The attachments move from ${moving} to ${KOPANO_ATTACHMENTS} in the data phase; archive them once zarafa-server has stopped (with the database dump, the only copy of the mail).`,
      command: `tar -C ${sh(moving.slice(0, slash) || '/')} -cf ${WORK_DIR}/attachments.tar.part ${sh(moving.slice(slash + 1))} && mv ${WORK_DIR}/attachments.tar.part ${WORK_DIR}/attachments.tar`,
      check: `test -s ${WORK_DIR}/attachments.tar`,
      paths: [moving, `${WORK_DIR}/attachments.tar`],
      from: fromOf(server!, 'attachment_path'),
    });
  }
  return out;
}

function zcpSteps(release: SourceFamily, intake: readonly string[]): ManualAction[] {
  const deb = zcpDebPackages(release).join(' ');
  const rpm = zcpRpmPackages(release).join(' ');
  const rpmInstalled = `rpm -q --qf '%{NAME}\\n' ${rpm} 2>/dev/null | grep -v ' '`;
  const rest = zcpServices(release).filter((s) => !(ZCP_INTAKE as readonly string[]).includes(s));
  return [
    {
      id: 'stop:intake',
      phase: 'stop',
      reason: `Stop mail intake first: ${ZCP_INTAKE.join(', ')}. Where Postfix hands mail to the dagent (mailbox_command, a master.cf pipe, LMTP), its transports go into defer_transports: ` +
        'every message for them, queued or new, is deferred (a temporary status, retried later) while other mail keeps flowing; `postsuper -h ALL` is not used because it holds only what is queued now, and later mail would reach a dagent that is stopped, then removed, and bounce. ' +
        `The queue is released only after Kopano runs and a test delivery went through.${intake.length > 0 ? ` ${intake.join(', ')} hands what it fetches straight to the dagent: where it runs it is stopped too (and noted), and started again with the release.` : ''}`,
      command: stopIntakeCommand(intake),
    },
    {
      id: 'stop:zcp',
      phase: 'stop',
      reason: 'Once the database is dumped, stop the other ZCP services, zarafa-server last, so nothing writes to the database, the attachments or the index while they are moved and upgraded.',
      command: `for s in ${rest.join(' ')}; do\n  service "$s" stop 2>/dev/null || true\ndone`,
    },
    {
      id: 'remove:zcp-packages',
      phase: 'remove',
      reason: `The ZCP ${release} packages conflict with Kopano Core's (libmapi, php-mapi, python-mapi included): remove every one that is installed, by name. ` +
        'zarafa-webapp and z-push depend on php-mapi and may go with it; the clients phase installs the Kopano ones. Read the warning of prepare:zcp-packages first: the packages it names can only come back from a repository.',
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

function installSteps(packages: readonly string[], target: Target): ManualAction[] {
  return [
    {
      id: 'install:repository',
      phase: 'install',
      reason: `Find a source of Kopano Core ${target}: the distribution's packages (Debian 10 and Ubuntu 22.04 carry 8.7.0) or a repository already set up, when they offer kopano-server at that release; ` +
        'else Kopano\'s own repository, in the directory of this host\'s distribution read from /etc/os-release (KOPANOSERIAL must then hold the subscription serial). Stops with the versions found when neither offers the target.',
      commands: sourceCommands(target),
    },
    {
      id: 'install:packages',
      phase: 'install',
      reason: `Install Kopano Core for the daemons this configuration sets up: ${packages.join(', ')} (and the metapackage kopano-core where offered), then check the installed kopano-server is ${target}. ` +
        'On Debian and Ubuntu, dbconfig-common is told not to create a database (the migrated ZCP database is the one the translated server.cfg names, which does not include a debian-db.cfg), and the services are kept from starting on install: kopano-server first starts with the bundle\'s files.',
      commands: installCommands(packages, target),
    },
  ];
}

function configureStep(input: RunbookInput, hostFiles: readonly BundleFile[]): ManualAction {
  return {
    id: 'configure:install',
    phase: 'configure',
    scope: 'files',
    reason: `Install the reviewed files of the bundle at their places, as they are (nothing is translated again${input.options.kopanoDir !== undefined ? '; they were merged into a copy of the installed Kopano files' : ''}): ` +
      'each one\'s checksum is checked against MANIFEST.sha256, the file there now is backed up first (unless prepare did), and the new one is put in place with a rename, keeping the owner of the file it replaces and a mode no wider than either.',
    command: hostFiles.map((f) => `install_file ${sh(f.hostPath)}`).join('\n'),
    paths: hostFiles.map((f) => f.hostPath),
  };
}

/** What the runbook writes where the operator names the directory administrator (the shell runbook reads LDAP_ADMIN_DN). */
export const LDAP_ADMIN_DN = '<LDAP_ADMIN_DN>';

/**
 * The directory's move to kopano.schema, as commands: export, translate, apply. The change is
 * applied to the LDAP server ldap.cfg names (-H), bound as the directory's administrator, not as
 * the service's ldap_bind_user (which may only read). On the mail host itself slapcat exports
 * without a bind; a server elsewhere is read over the network with the same administrator bind.
 */
function ldifStep(ldap: DaemonView): ManualAction {
  const base = valueOf(ldap.after, 'ldap_search_base') ?? '';
  const uri = (valueOf(ldap.after, 'ldap_uri') || `ldap://${valueOf(ldap.after, 'ldap_host') || 'localhost'}:${valueOf(ldap.after, 'ldap_port') || '389'}`).split(/\s+/)[0]!;
  const local = isLocalLdap(uri);
  const bind = `-x -H ${sh(uri)} -D ${sh(LDAP_ADMIN_DN)} -W`;
  const exportCommand = local
    ? `slapcat -b ${sh(base || '<search base>')} > ${WORK_DIR}/directory.ldif`
    : `ldapsearch ${bind} -LLL -o ldif-wrap=no -b ${sh(base || '<search base>')} > ${WORK_DIR}/directory.ldif`;
  return {
    id: 'directory:ldif',
    phase: 'directory',
    reason: 'Before kopano-server starts, give every entry with zarafa-* object classes the matching kopano-* classes and attributes ' +
      '(zarafaAccount → kopanoAccount, ...): the translated ldap.cfg reads only the kopano names. ' +
      `Export the entries ${local ? 'with slapcat (the LDAP server is this host)' : `from the LDAP server ${uri}`}, turn them into a change file with zarafa2kopano ldif, review it, ` +
      `and apply it to ${uri} bound as the directory's administrator: replace ${LDAP_ADMIN_DN} with the administrator's DN (the shell runbook reads LDAP_ADMIN_DN); ` +
      `ldap.cfg's ldap_bind_user may only read. ${local ? 'ldapmodify asks' : 'ldapsearch and ldapmodify ask'} for the password.`,
    command: [
      exportCommand,
      `zarafa2kopano ldif --mode modify ${WORK_DIR}/directory.ldif > ${WORK_DIR}/directory-kopano.ldif`,
      `ldapmodify ${bind} -f ${WORK_DIR}/directory-kopano.ldif`,
    ].join('\n'),
    paths: [`${WORK_DIR}/directory.ldif`, `${WORK_DIR}/directory-kopano.ldif`],
    from: fromOf(ldap, ldap.after.get('ldap_uri')?.origin.kind === 'file' ? 'ldap_uri' : 'ldap_search_base', 'after'),
  };
}

/** An LDAP URI that reaches the server on this host: ldapi://, or a loopback or empty host. */
export function isLocalLdap(uri: string): boolean {
  const m = /^(ldapi|ldaps?):\/\/(\[[^\]]*\]|[^/:]*)/i.exec(uri.trim());
  if (!m) return false;
  if (m[1]!.toLowerCase() === 'ldapi') return true;
  const host = m[2]!.replace(/^\[|\]$/g, '').toLowerCase();
  return host === '' || host === 'localhost' || host === '::1' || /^127\./.test(host);
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

function kopanoServices(views: readonly DaemonView[]): string[] {
  const daemons = new Set(views.map((v) => v.daemon));
  return SERVICES.filter(([d]) => daemons.has(d)).map(([, s]) => s);
}

/** From 8.5.6 a ZCP database with duplicate names rows stops the schema update (K-1216); kopano-dbadm repairs it. */
function k1216Applies(target: Target): boolean {
  return target !== '8.0';
}

function startSteps(views: readonly DaemonView[], target: Target, safeMode: boolean, zcp: boolean, intake: readonly string[]): ManualAction[] {
  const services = kopanoServices(views);
  const out: ManualAction[] = [];
  if (safeMode) {
    out.push({
      id: 'start:safe-mode-on',
      phase: 'start',
      scope: 'files',
      reason: 'For the first start, server.cfg gets user_safe_mode = yes (a last line, which wins): no user, group or store is created or deleted while the directory and the database settle.',
      command: `safe_mode_on ${SERVER_CFG}`,
      paths: [SERVER_CFG],
    });
  }
  const log = '/var/log/kopano/server.log';
  const k1216 = k1216Applies(target)
    ? [
      `  if grep -Eq 'K-1216|Cannot update to schema v69' ${log} 2>/dev/null; then`,
      `    echo "the schema update stopped (K-1216: duplicate rows in names): run kopano-dbadm k-1216, then this step again" >&2`,
      `    exit 1`,
      `  fi`,
    ]
    : [];
  out.push({
    id: 'start:kopano-server',
    phase: 'start',
    reason: 'Start kopano-server alone first (enabled, so it starts at boot too): it upgrades the database tables on this start, which can take long on a big database; the step waits until the server answers. ' +
      (k1216Applies(target) ? 'From 8.5.6 a ZCP database with duplicate rows stops at schema v69 (K-1216 in the log): the step says so and names the repair, kopano-dbadm k-1216. ' : '') +
      'From here on the way back loads the database dump.',
    command: [
      `install -d -m 0700 ${WORK_DIR}`,
      `touch ${KOPANO_STARTED}`,
      'systemctl enable kopano-server',
      // restart: a package's install may have started it with its own files.
      'systemctl restart kopano-server',
      'for _ in $(seq 1 360); do',
      ...k1216,
      '  if kopano-admin -l >/dev/null 2>&1; then exit 0; fi',
      `  if ! systemctl is-active --quiet kopano-server; then tail -n 20 ${log} >&2; exit 1; fi`,
      '  sleep 5',
      'done',
      `echo "kopano-server does not answer after 30 minutes; read ${log}" >&2`,
      'exit 1',
    ].join('\n'),
    check: 'systemctl is-active --quiet kopano-server && kopano-admin -l >/dev/null 2>&1',
    paths: [log],
  });
  if (safeMode) {
    out.push({
      id: 'start:check-users',
      phase: 'start',
      pause: true,
      reason: 'Safe mode is on: compare the users Kopano lists with those ZCP served (the difference is shown). Go on when they match; a user missing here points at ldap.cfg or the user plugin, not at the stores.',
      command: zcp
        ? `kopano-admin -l | tee ${WORK_DIR}/kopano-users.txt\ndiff ${WORK_DIR}/zcp-users.txt ${WORK_DIR}/kopano-users.txt || true`
        : 'kopano-admin -l',
    }, {
      id: 'start:safe-mode-off',
      phase: 'start',
      scope: 'files',
      reason: 'Switch safe mode off again: server.cfg goes back to the bundle\'s file, byte for byte (its checksum checked).',
      command: `install_file ${SERVER_CFG}`,
      paths: [SERVER_CFG],
    }, {
      id: 'start:restart-server',
      phase: 'start',
      reason: 'Restart kopano-server so it reads server.cfg without safe mode.',
      command: 'systemctl restart kopano-server',
    });
  }
  if (services.length > 0) {
    out.push({
      id: 'start:services',
      phase: 'start',
      reason: `Enable and start the other Kopano services this configuration sets up: ${services.join(', ')}.`,
      command: `systemctl enable --now ${services.join(' ')}`,
    });
  }
  out.push({
    id: 'start:verify',
    phase: 'start',
    reason: 'Check that the server answers and lists the users and their stores, and that every service runs.',
    command: `kopano-admin -l\nsystemctl --no-pager is-active kopano-server${services.map((s) => ` ${s}`).join('')}`,
  }, {
    id: 'start:delivery-test',
    phase: 'start',
    reason: 'Deliver a test message through kopano-dagent (the same program Postfix\'s pipe or LMTP transport reaches) to the user TEST_RECIPIENT names, before the held mail is released. Read it in that mailbox.',
    command: [
      ': "${TEST_RECIPIENT:?set TEST_RECIPIENT to a user to deliver the test message to}"',
      `printf 'From: root\\nTo: %s\\nSubject: zarafa2kopano delivery test\\n\\nDelivered by the migration runbook before the mail queue is released.\\n' "$TEST_RECIPIENT" | /usr/sbin/kopano-dagent "$TEST_RECIPIENT"`,
    ].join('\n'),
  });
  // Where Postfix (or another MTA) hands mail over LMTP, that path is tested too: the dagent's listener.
  const lmtp = lmtpAddress(views.find((v) => v.daemon === 'dagent.cfg'));
  if (lmtp) {
    out.push({
      id: 'start:delivery-test-lmtp',
      phase: 'start',
      reason: `Deliver a test message over LMTP to kopano-dagent's listener (${lmtp.host} port ${lmtp.port}, where an LMTP transport reaches it) to TEST_RECIPIENT; the step fails unless the dagent accepts it.`,
      command: lmtpTestCommand(lmtp),
    });
  }
  if (zcp) {
    out.push({
      id: 'start:release-queue',
      phase: 'start',
      reason: 'Release the mail Postfix deferred: defer_transports as it was, a reload, a flush. Refused while Postfix still runs zarafa-dagent (gone with ZCP): point master.cf or main.cf at /usr/sbin/kopano-dagent first.' +
        (intake.length > 0 ? ` Then start again what stop:intake stopped of ${intake.join(', ')}.` : ''),
      command: releaseIntakeCommand(intake),
    });
  }
  return out;
}

/**
 * The way back to ZCP, in its own phase (`runbook.sh --rollback`): hold the mail, stop Kopano, put
 * back every file the bundle replaced and /etc/zarafa (each backup checked), the database only if
 * kopano-server started on it, the exact ZCP packages, start ZCP, release the mail.
 */
function rollbackSteps(views: readonly DaemonView[], hostPaths: readonly string[], databases: readonly { db: Database }[], packages: readonly string[], release: SourceFamily, zcp: boolean, intake: readonly string[]): ManualAction[] {
  const kopano = ['kopano-server', ...kopanoServices(views)];
  const out: ManualAction[] = [];
  if (zcp) {
    out.push({
      id: 'rollback:hold-queue',
      phase: 'rollback',
      reason: `Hold the mail for the dagent again (Postfix's defer_transports, as in stop:intake) while the host goes back${intake.length > 0 ? `, and stop ${intake.join(', ')} where it runs` : ''}.`,
      command: holdIntakeCommand(intake),
    });
  }
  out.push({
    id: 'rollback:stop-kopano',
    phase: 'rollback',
    reason: 'Stop every Kopano service, kopano-server last, and keep them from starting at boot.',
    command: `for s in ${[...kopano].reverse().join(' ')}; do\n  systemctl disable --now "$s" 2>/dev/null || true\ndone`,
  }, {
    id: 'rollback:files',
    phase: 'rollback',
    scope: 'files',
    reason: `Put back every file the bundle replaced, byte for byte, from the backups prepare (or the install) made, each checked against its checksum first; the files that did not exist before are removed, and the directories the install made for them once they are empty (never one that was there before, never what is in one): ${hostPaths.join(', ')}.`,
    command: 'restore_files',
    paths: [...hostPaths],
  }, {
    id: 'rollback:etc-zarafa',
    phase: 'rollback',
    scope: 'files',
    reason: 'Put /etc/zarafa back from its archive (checksum checked), exactly as it was before the migration.',
    command: `restore_tree ${ZARAFA_ETC}`,
    paths: [ZARAFA_ETC],
  });
  if (zcp) {
    for (const { db } of databases) out.push(databaseRestore(db));
    out.push({
      id: 'rollback:remove-kopano',
      phase: 'rollback',
      reason: 'Remove the Kopano packages by name (their configuration files stay), so the ZCP ones can be installed again.',
      commands: removeCommands(packages),
    }, {
      id: 'rollback:zcp-packages',
      phase: 'rollback',
      reason: `Reinstall the ZCP packages prepare recorded: the package files it kept, the exact versions of the others from a repository; configuration files are kept as restored.`,
      commands: reinstallZcpCommands(),
    }, {
      id: 'rollback:start-zcp',
      phase: 'rollback',
      reason: 'Start ZCP again, zarafa-server first.',
      command: `for s in ${[...zcpServices(release)].reverse().join(' ')}; do\n  service "$s" start 2>/dev/null || true\ndone\nzarafa-admin -l >/dev/null`,
    }, {
      id: 'rollback:release-queue',
      phase: 'rollback',
      reason: `Release the mail Postfix deferred, now that the ZCP dagent is back${intake.length > 0 ? `, and start again what rollback:hold-queue stopped of ${intake.join(', ')}` : ''}.`,
      command: releaseIntakeCommand(intake),
    });
  }
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
