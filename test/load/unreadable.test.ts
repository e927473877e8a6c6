/**
 * Nothing skipped in silence (issue 14.9), as a user who cannot read: root reads everything, so
 * the loader runs in a child process as uid/gid 65534 (nobody) on a tree that user can traverse.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bin.js';
import { TmpTree } from './tmp-tree.js';

const LOADER = path.join(ROOT, 'dist', '1-load', 'load-tree.js');
const asRoot = process.getuid?.() === 0;

function canSwitchUser(): boolean {
  try {
    execFileSync(process.execPath, ['-e', ''], { uid: 65534, gid: 65534 });
    return true;
  } catch {
    return false;
  }
}

/** loadDir as nobody; the diagnostics and target outcomes it recorded, or the error it threw. */
function loadAsNobody(dir: string): { diagnostics: { code: string; file: string; severity: string; message: string }[]; targets: [string, { kind: string; why?: string }][] } {
  const script = `import(${JSON.stringify(LOADER)}).then((m) => m.loadDir(${JSON.stringify(dir)}, 'zarafa')).then((d) =>
    process.stdout.write(JSON.stringify({ diagnostics: d.diagnostics, targets: [...d.targets] })))`;
  const r = spawnSync(process.execPath, ['-e', script], { uid: 65534, gid: 65534, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ReturnType<typeof loadAsNobody>;
}

let tree: TmpTree;
afterEach(() => tree?.dispose());

describe('load as a user who cannot read (uid 65534)', () => {
  it('a chmod 000 subdirectory: DIR_UNREADABLE; an include into it: unreadable (EACCES), not missing', (ctx) => {
    // As non-root the test would need a second account; as root without setuid rights it cannot switch.
    if (!asRoot) ctx.skip('needs root to run the loader as uid 65534 (root itself reads a chmod 000 directory)');
    if (!canSwitchUser()) ctx.skip('running as root but cannot switch to uid 65534');
    expect(existsSync(LOADER), 'dist/ is built (npm test builds first)').toBe(true);
    tree = new TmpTree();
    const dir = tree.make('in', {
      'server.cfg': 'server_name = mail\n!include locked/local.inc\n!include gone.inc\n',
      'locked/site.cfg': 'log_level = 3\n',
      'locked/local.inc': 'log_level = 3\n',
      'secret.cfg': 'mysql_password = x\n',
    });
    chmodSync(`${dir}/locked`, 0o000);
    chmodSync(`${dir}/secret.cfg`, 0o600);
    const r = loadAsNobody(dir);
    expect(r.diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`)).toEqual(['locked warning DIR_UNREADABLE', 'secret.cfg error FILE_UNREADABLE']);
    expect(r.diagnostics[0]!.message).toMatch(/cannot be read \(EACCES\)/);
    expect(Object.fromEntries(r.targets)).toEqual({ 'locked/local.inc': { kind: 'unreadable', why: 'EACCES' }, 'gone.inc': { kind: 'missing', why: 'ENOENT' } });
  });
});

