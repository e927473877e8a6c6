import type { ManualAction, Target } from '../../types.js';
import { sh, WORK_DIR } from './shell.js';

/** A host file the run writes: where it goes, whether it replaces a file, who reads it. */
export interface HostFileStep {
  /** Root-relative path of the file read. */
  source: string;
  /** Root-relative path of the result. */
  target: string;
  /** The services that read it (reloaded once it is in place). */
  reload: readonly string[];
  /** False for a file the run makes where none was (nothing to back up). */
  exists: boolean;
}

const HOST_STAGING = `${WORK_DIR}/host`;

/**
 * The runbook's steps for the files around /etc/zarafa: translate them while ZCP is still there,
 * back up every original that is replaced, install the results in the configure phase, reload what
 * reads them, and test a delivery. `removed` are ZCP files left to the Kopano packages; `flags` are
 * the options of this run that change the host files (the translation is made again with them). Pure.
 */
export function hostSteps(files: readonly HostFileStep[], removed: readonly string[], target: Target, forwardCheck: boolean, flags: readonly string[] = []): ManualAction[] {
  if (files.length === 0 && removed.length === 0) return [];
  const steps: ManualAction[] = [];
  const abs = (p: string): string => `/${p}`;
  if (forwardCheck) {
    steps.push({
      id: 'host:forward-check',
      reason: 'Per-user ~/.forward files may pipe mail to zarafa-dagent; they are not read by this tool. List them, and change each to /usr/sbin/kopano-dagent.',
      command: 'grep -l zarafa-dagent /home/*/.forward /root/.forward 2>/dev/null || true',
      paths: ['/home/*/.forward'],
    });
  }
  const replaced = [...new Set([...files.filter((f) => f.source === f.target && f.exists).map((f) => f.source), ...removed])];
  if (replaced.length > 0) {
    steps.push({
      id: 'host:backup',
      reason: 'Keep the host files this migration replaces or removes, to put them back if needed.',
      command: `install -d -m 0700 ${WORK_DIR}\ntar -C / -czf ${WORK_DIR}/host-files.tar.gz ${replaced.map(sh).join(' ')}`,
      check: `test -f ${WORK_DIR}/host-files.tar.gz`,
      paths: replaced.map(abs),
    });
  }
  if (files.length > 0) {
    steps.push({
      id: 'host:translate',
      reason: 'Translate the host files while the ZCP files they are made from are still in place.',
      command: `zarafa2kopano --root / ${[...flags, '--target', target].map(sh).join(' ')} --out ${HOST_STAGING} --force`,
      paths: [HOST_STAGING],
    });
    steps.push({
      id: 'host:install',
      reason: 'Put the translated host files in place (each keeps the mode and owner of the file it was made from).',
      command: files.map((f) => `install -d ${sh(abs(f.target).replace(/\/[^/]*$/, ''))} && cp -a ${sh(`${HOST_STAGING}/${f.target}`)} ${sh(abs(f.target))}`).join('\n'),
      paths: files.map((f) => abs(f.target)),
    });
  }
  if (removed.length > 0) {
    steps.push({
      id: 'host:remove-packaged',
      reason: 'These ZCP files are superseded by the Kopano packages\' own; left in place they load or rotate what no longer exists.',
      command: `rm -f ${removed.map((p) => sh(abs(p))).join(' ')}`,
      check: removed.map((p) => `! test -e ${sh(abs(p))}`).join(' && '),
      paths: removed.map(abs),
    });
  }
  const services = [...new Set(files.flatMap((f) => f.reload))].filter((s) => s !== 'systemd').sort();
  const daemonReload = files.some((f) => f.reload.includes('systemd'));
  if (services.length > 0 || daemonReload) {
    steps.push({
      id: 'host:reload',
      reason: 'Make the services that read the replaced files read them again.',
      command: [
        ...(daemonReload ? ['systemctl daemon-reload'] : []),
        ...services.map((s) => `if systemctl is-active --quiet ${s}; then systemctl reload-or-restart ${s}; fi`),
      ].join('\n'),
    });
  }
  if (files.some((f) => f.reload.includes('postfix') || f.reload.includes('fetchmail'))) {
    steps.push({
      id: 'host:delivery-test',
      reason: 'Send one message through the MTA and check that kopano-dagent delivered it (set TEST_RCPT to a mailbox user).',
      command: [
        'printf \'Subject: zarafa2kopano delivery test\\n\\nDelivered after the migration.\\n\' | /usr/sbin/sendmail -i "${TEST_RCPT:-postmaster}"',
        'sleep 5',
        'tail -n 20 /var/log/kopano/dagent.log',
      ].join('\n'),
    });
  }
  return steps;
}
