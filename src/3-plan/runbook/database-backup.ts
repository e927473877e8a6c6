import type { ManualAction } from '../../types.js';
import { fromOf, valueOf, type DaemonView } from './config-view.js';
import { sh, WORK_DIR } from './shell.js';

/** A database a ZCP daemon's configuration names, with how to reach it (never the password itself). */
export interface Database {
  name: string;
  host: string | undefined;
  port: string | undefined;
  socket: string | undefined;
  user: string | undefined;
  /** The input file that sets mysql_password (read at run time), if any sets it. */
  passwordFile: string | undefined;
  view: DaemonView;
}

export function databaseOf(view: DaemonView): Database | undefined {
  const name = valueOf(view.before, 'mysql_database');
  if (!name) return undefined;
  const pw = view.before.get('mysql_password');
  const nonEmpty = (key: string) => {
    const v = valueOf(view.before, key);
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    name,
    host: nonEmpty('mysql_host'),
    port: nonEmpty('mysql_port'),
    socket: nonEmpty('mysql_socket'),
    user: nonEmpty('mysql_user'),
    passwordFile: pw?.origin.kind === 'file' ? pw.origin.file : undefined,
    view,
  };
}

/**
 * Reads the last `mysql_password = ...` of a ZCP file (as the C++ reader does: trimmed, last
 * assignment wins) and prints it as a quoted option-file line. Runs on the host, so the value is
 * never in the runbook, on a command line or in the report.
 */
function passwordLine(file: string): string {
  // Backslash and double quote are escaped one character at a time: gsub's handling of a
  // backslash in a replacement differs between awks.
  const program = [
    String.raw`{ line = $0; sub(/^[ \t]+/, "", line) }`,
    String.raw`line ~ /^mysql_password[ \t]*=/ { sub(/^[^=]*=[ \t]*/, "", line); sub(/[ \t\r]+$/, "", line); v = line; found = 1 }`,
    String.raw`END { if (found) { out = ""; for (i = 1; i <= length(v); i++) { c = substr(v, i, 1); if (c == "\\" || c == "\"") out = out "\\"; out = out c } printf "password=\"%s\"\n", out } }`,
  ].join(' ');
  return `awk '${program}' ${sh(`/etc/zarafa/${file}`)}`;
}

/**
 * Dump one database through an option file made with umask 077 and removed when the dump ends:
 * host, port, socket and user as the configuration gives them, the password read from the file on
 * the host. The dump is written beside and renamed when complete, so a half dump never counts as done.
 */
/** Where the dump of `db` goes, and the option file the client reads for the length of one command. */
function filesOf(db: Database): { cnf: string; dump: string } {
  const safe = db.name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return { cnf: `${WORK_DIR}/mysql-${safe}.cnf`, dump: `${WORK_DIR}/${safe}.sql` };
}

/** Commands run with an option file made with umask 077 and removed when they end. */
function withClient(db: Database, commands: readonly string[]): string[] {
  const { cnf } = filesOf(db);
  const client: string[] = [];
  if (db.host !== undefined) client.push(`host=${db.host}`);
  if (db.port !== undefined) client.push(`port=${db.port}`);
  if (db.socket !== undefined) client.push(`socket=${db.socket}`);
  if (db.user !== undefined) client.push(`user=${db.user}`);
  return [
    `(`,
    `  umask 077`,
    `  trap 'rm -f ${cnf}' EXIT`,
    `  {`,
    `    printf '%s\\n' '[client]'${client.map((c) => ` ${sh(c)}`).join('')}`,
    ...(db.passwordFile ? [`    ${passwordLine(db.passwordFile)}`] : []),
    `  } > ${cnf}`,
    ...commands.map((c) => `  ${c}`),
    `)`,
  ];
}

/** Marks that kopano-server has started on the database (it upgrades the tables then): the way back restores the dump only then. */
export const KOPANO_STARTED = `${WORK_DIR}/kopano-started`;

/**
 * The way back for one database: only when kopano-server has started on it, drop it and load the
 * dump (the password read again from the restored ZCP file on the host).
 */
export function databaseRestore(db: Database): ManualAction {
  const { cnf, dump } = filesOf(db);
  const name = db.name.replace(/`/g, '``');
  return {
    id: `rollback:mysql:${db.name}`,
    phase: 'rollback',
    reason: `Put database ${db.name} back as the dump has it, only if kopano-server started on it (it upgrades the tables on that start); otherwise the tables are as ZCP left them and nothing is loaded.`,
    command: [
      `if ! test -e ${KOPANO_STARTED}; then`,
      `  echo ${sh(`kopano-server never started on ${db.name}: the tables are as ZCP left them`)}`,
      `else`,
      `  test -s ${dump}`,
      ...withClient(db, [
        `mysql --defaults-extra-file=${cnf} -e ${sh(`DROP DATABASE \`${name}\`; CREATE DATABASE \`${name}\``)}`,
        `mysql --defaults-extra-file=${cnf} ${sh(db.name)} < ${dump}`,
      ]).map((l) => `  ${l}`),
      `fi`,
    ].join('\n'),
    paths: [dump],
    from: fromOf(db.view, 'mysql_database'),
  };
}

export function databaseBackup(db: Database, purpose: string): ManualAction {
  const { cnf, dump } = filesOf(db);
  const where = db.host ?? 'localhost';
  const command = [
    `install -d -m 0700 ${WORK_DIR}`,
    ...withClient(db, [`mysqldump --defaults-extra-file=${cnf} --single-transaction --routines --events ${sh(db.name)} > ${dump}.part`]),
    `mv ${dump}.part ${dump}`,
  ].join('\n');
  return {
    id: `prepare:mysql:${db.name}`,
    phase: 'stop',
    reason: `${purpose} Dump database ${db.name} on ${where}${db.port ? ` port ${db.port}` : ''}${db.user ? ` as ${db.user}` : ''}, as ${db.view.file} names it. ` +
      `The password goes into a file only root can read (umask 077) for the length of the dump and is read from ${db.passwordFile ? `/etc/zarafa/${db.passwordFile}` : 'nowhere (none is set)'} on the host, never from this runbook or a command line.`,
    // No check: a dump left by an earlier attempt (before a rollback) is stale; runbook.state
    // records this migration's dump.
    command,
    paths: [dump],
    from: fromOf(db.view, 'mysql_database'),
  };
}
