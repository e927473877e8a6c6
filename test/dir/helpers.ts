import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A file's content, or a symlink to create. */
export type TreeEntry = string | Buffer | { symlink: string };

/** A fresh temp directory holding `tree` (paths relative to it; parent directories are made). */
export function makeTree(tree: Record<string, TreeEntry>, parent?: string): string {
  const dir = parent ?? mkdtempSync(path.join(tmpdir(), 'z2k-dir-'));
  for (const [rel, entry] of Object.entries(tree)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof entry === 'object' && !Buffer.isBuffer(entry)) symlinkSync(entry.symlink, abs);
    else writeFileSync(abs, entry);
  }
  return dir;
}

/** Equal snapshots mean nothing below `dir` was added, removed, changed or chmod-ed. */
export { fingerprint as snapshot } from '../helpers/tree-fingerprint.js';

/** A small ZCP 7.2 directory whose files each need changes. */
export const SMALL_ZARAFA: Record<string, string> = {
  'server.cfg': [
    '# test server',
    'server_name = test01',
    'pid_file = /var/run/zarafa-server.pid',
    'mysql_user = zarafa',
    'mysql_password = Sekr1t-Value',
    'log_file = /var/log/zarafa/server.log',
    'attachment_path = /var/lib/zarafa/attachments',
    '',
  ].join('\n'),
  'spooler.cfg': [
    'smtp_server = localhost',
    'log_file = /var/log/zarafa/spooler.log',
    'pid_file = /var/run/zarafa-spooler.pid',
    '',
  ].join('\n'),
};

export const SECRET = 'Sekr1t-Value';
