import { action, type RuleStep } from '../rule-steps.js';
import { cppBool } from './data/values.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'guide-actions';

/**
 * The guide's steps that are not edits of a config file. Each action has a stable id, so the
 * directory layer lists it once however many files raise it; most are raised from server.cfg only.
 */
export const guideActionsRule: Rule = {
  id: ID,
  title: "The migration guide's steps that are not config edits, as manual actions",
  why: 'A working Kopano needs more than translated files: the ZCP packages conflict with the Kopano ones, the database is upgraded in place on first start, old backups and client settings still name Zarafa paths, and nothing can be undone without a backup.',
  guide: 'Back up the database and /etc/zarafa, replace the ZCP packages with Kopano Core, move the configuration, then adjust WebApp and Z-Push, make new backups and check the services.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    if (ctx.included) return;
    yield action({
      id: 'backup:etc-zarafa',
      reason: 'Keep a copy of the ZCP configuration before anything changes; purging the ZCP packages may remove it.',
      command: 'tar -C /etc -czf /root/etc-zarafa.tar.gz zarafa',
      paths: ['/etc/zarafa'],
    });
    if (ctx.daemon === 'server.cfg') yield* serverActions(ctx);
    if (ctx.daemon === 'archiver.cfg') {
      const db = ctx.plan.valueOf('mysql_database') ?? ctx.effective.get('mysql_database')?.value ?? 'zarafa-archiver';
      yield action({
        id: 'backup:mysql-archiver',
        reason: `Dump the archiver database ${db} too; Kopano keeps using it under this name.`,
        command: `mysqldump --single-transaction ${db} > /root/${db}.sql`,
      });
    }
    if (ctx.daemon === 'backup.cfg') yield* backupAction();
  },
};

function* serverActions(ctx: RuleContext): Generator<RuleStep> {
  const db = ctx.plan.valueOf('mysql_database') ?? ctx.effective.get('mysql_database')?.value ?? 'zarafa';
  yield action({
    id: 'backup:mysql',
    reason: `Dump the ZCP database ${db} before Kopano first starts: kopano-server upgrades its tables in place, and there is no way back without the dump.`,
    command: `mysqldump --single-transaction --routines ${db} > /root/${db}.sql`,
  });
  yield action({
    id: 'packages:purge-zcp',
    reason: 'The ZCP packages (zarafa, zarafa-server, libmapi, php-mapi, python-mapi, ...) conflict with Kopano Core: stop the zarafa-* services, purge the packages (the copy of /etc/zarafa is in the backup), then install kopano-core.',
    command: "systemctl stop 'zarafa-*'; apt-get purge 'zarafa*'",
  });
  if (ctx.options.source !== '7.2') {
    yield action({
      id: 'database:upgrade-path',
      reason: `KC 8.5 and later cannot upgrade a ZCP ${ctx.options.source} database directly. Start a ZCP 7.2 or KC 8.0–8.4 server on it once to upgrade the tables, then install the target release.`,
    });
  }
  const distributed = ctx.effective.get('enable_distributed_zarafa') ?? ctx.effective.get('enable_distributed_kopano');
  if (distributed && cppBool(distributed.value) && distributed.value !== '') {
    yield action({
      id: 'ldap:server-file-path',
      reason: 'In a multi-server setup each server entry\'s zarafaFilePath holds the server\'s local socket (file:///var/run/zarafa). Kopano listens on file:///var/run/kopano/server.sock: update the attribute of every server entry.',
    });
  }
  const socket = `file://${ctx.plan.valueOf('server_pipe_name') ?? '/var/run/kopano/server.sock'}`;
  yield action({
    id: 'clients:webapp',
    reason: `WebApp connects to the server through DEFAULT_SERVER in its config.php, which names the ZCP socket file:///var/run/zarafa; set it to ${socket} in the WebApp installed for Kopano.`,
    paths: ['/etc/zarafa/webapp/config.php', '/etc/kopano/webapp/config.php'],
  });
  yield action({
    id: 'clients:z-push',
    reason: `Z-Push names the server socket in its backend configuration (MAPI_SERVER, file:///var/run/zarafa with the Zarafa backend); switch to the Kopano backend and set MAPI_SERVER to ${socket}.`,
  });
  yield* backupAction();
  yield action({
    id: 'verify:start',
    reason: 'Start kopano-server first and watch its log until the database upgrade is done, then the other kopano-* services; check that users and their stores are listed.',
    command: 'systemctl start kopano-server && kopano-admin -l',
  });
}

function* backupAction(): Generator<RuleStep> {
  yield action({
    id: 'backups:kopano-backup',
    reason: 'Backups made with zarafa-backup cannot be restored by kopano-backup: make a new full backup with kopano-backup once Kopano runs.',
    command: 'kopano-backup',
  });
}
