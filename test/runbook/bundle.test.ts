import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleContents, writeBundle } from '../../src/cli/write-bundle.js';
import { runTranslation } from '../../src/pipeline/run-translation.js';
import type { TranslateOptions } from '../../src/types.js';
import { makeTree, snapshot } from '../dir/helpers.js';
import { BIN, ROOT } from '../helpers/bin.js';
import { installZPushKopano } from '../helpers/z-push-kopano.js';
import { goldenCases, listFiles } from '../golden/cases.mjs';

const cases = goldenCases(ROOT);
/** What the Kopano package put there before the bundle: the way back must bring it back byte for byte. */
const PACKAGE_SERVER_CFG = '# server.cfg as the kopano-server package installs it\nlog_level = 3\n';

/** A bundle of the case, and a host root holding a copy of its /etc/zarafa and a package's server.cfg. */
async function setUp(c: (typeof cases)[number]) {
  const tmp = makeTree({});
  const host = path.join(tmp, 'host');
  cpSync(c.zarafaDir, path.join(host, 'etc/zarafa'), { recursive: true });
  mkdirSync(path.join(host, 'etc/kopano'), { recursive: true });
  writeFileSync(path.join(host, 'etc/kopano/server.cfg'), PACKAGE_SERVER_CFG, { mode: 0o640 });
  const run = await runTranslation({ zarafaDir: c.zarafaDir, write: false, options: { ...(c.options as TranslateOptions), target: '8.7' } });
  const bundle = path.join(tmp, 'bundle');
  await writeBundle(bundle, bundleContents(run.translation, run.writes, run.tree, c.name, (s) => s), false);
  return { tmp, host, bundle, run };
}

function runbook(bundle: string, args: string[]) {
  return spawnSync('bash', [path.join(bundle, 'runbook.sh'), ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], LC_ALL: 'C' } });
}

/** The host outside the runbook's work directory. */
function hostFiles(host: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshot(host)).filter(([p, v]) => !p.startsWith('root') && v.startsWith('file ')));
}

describe.each(cases)('the bundle of $name, run with --root on a copy of the host', (c) => {
  it('--all writes exactly the bundle\'s files, stopping where a person acts; --rollback restores every replaced file byte for byte', async () => {
    const { host, bundle, run } = await setUp(c);
    // A Z-Push 2.2 file's settings go into the files z-push-kopano installs: they are put in the copy first.
    const zPush = run.translation.actions.some((a) => a.id.startsWith('clients:z-push-settings:')) ? installZPushKopano(host) : [];
    const before = hostFiles(host);
    let from: string | undefined;
    let stops = 0;
    for (let round = 0; ; round++) {
      expect(round).toBeLessThan(20);
      const r = runbook(bundle, ['--root', host, '--all', ...(from ? ['--from', from] : [])]);
      expect(r.stderr).toBe('');
      if (r.status === 0) break;
      expect(r.status).toBe(3);
      stops++;
      if (r.stdout.includes('It is the last step.')) break;
      const hint = /go on with: \S+ --root \S+ --all --from (\S+)/.exec(r.stdout);
      expect(hint, r.stdout).not.toBeNull();
      from = hint![1];
    }
    expect(stops).toBeGreaterThan(0);
    const after = hostFiles(host);
    const bundled = listFiles(path.join(bundle, 'files'));
    expect(bundled.length).toBeGreaterThan(0);
    for (const f of bundled) expect(readFileSync(path.join(host, f)).equals(readFileSync(path.join(bundle, 'files', f))), f).toBe(true);
    // Nothing else changed: the files that differ from before are the bundle's.
    const changed = Object.keys({ ...before, ...after }).filter((p) => before[p] !== after[p]).sort();
    expect(changed).toEqual([...bundled, ...zPush].sort());
    // The replaced file keeps its mode (never wider); a new file has the bundle's.
    expect(statSync(path.join(host, 'etc/kopano/server.cfg')).mode & 0o777).toBe(0o640 & statSync(path.join(bundle, 'files/etc/kopano/server.cfg')).mode);

    const back = runbook(bundle, ['--root', host, '--rollback']);
    expect(back.stderr).toBe('');
    expect(back.status).toBe(0);
    expect(back.stdout).toContain('restored /etc/kopano/server.cfg');
    expect(back.stdout).toContain('skipped under --root');
    expect(hostFiles(host)).toEqual(before);
    // Back where it started: a new attempt runs every step again (nothing counts as done).
    const again = runbook(bundle, ['--root', host, '--all']);
    expect(again.stdout).toContain('== ');
    expect(again.stdout).not.toContain('done before');
  });

  it('stops before its first step when a host input changed since the bundle was made', async () => {
    const { host, bundle, run } = await setUp(c);
    const input = [...run.tree.zarafa.files.values()][0]!.path;
    appendFileSync(path.join(host, 'etc/zarafa', input), 'log_level = 6\n');
    const before = snapshot(host);
    const r = runbook(bundle, ['--root', host, '--all']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`changed: /etc/zarafa/${input}`);
    expect(r.stderr).toContain('Translate again');
    expect(r.stdout).not.toContain('== ');
    expect(snapshot(host)).toEqual(before);
  });
});

describe('the bundle', () => {
  const c = cases.find((x) => x.name === 'zcp71-unix')!;

  it('stops --all at the 7.1 database upgrade path before anything is stopped or removed, and a failing step names itself and its command', async () => {
    const { host, bundle } = await setUp(c);
    const r = runbook(bundle, ['--root', host, '--all']);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/Stopped at step 1 \(database:upgrade-path\)/);
    expect(r.stdout).toMatch(/--all --from prepare:space/);
    expect(existsSync(path.join(host, 'root'))).toBe(false);
    // A bundle file that is not what MANIFEST.sha256 says: the run refuses before any step.
    appendFileSync(path.join(bundle, 'files/etc/kopano/server.cfg'), '# edited\n');
    const bad = runbook(bundle, ['--root', host, '--all', '--from', 'prepare:space']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('MANIFEST.sha256');
    // A step that fails stops the run with its id and its command.
    const other = await setUp(c);
    rmSync(path.join(other.host, 'etc/kopano'), { recursive: true });
    writeFileSync(path.join(other.host, 'etc/kopano'), 'not a directory\n');
    const step = runbook(other.bundle, ['--root', other.host, 'configure:install']);
    expect(step.status).toBe(1);
    expect(step.stderr).toMatch(/Stopped: step configure:install failed\. The command that failed:\n\s+install_file \/etc\/kopano/);
  });

  it('a re-run skips the steps its state file records as done', async () => {
    const { host, bundle } = await setUp(c);
    runbook(bundle, ['--root', host, '--all', '--from', 'prepare:space']);
    const again = runbook(bundle, ['--root', host, '--all', '--from', 'prepare:space']);
    expect(again.stdout).toContain('prepare:etc-zarafa: done before (runbook.state)');
    expect(again.stdout).toContain('configure:install: done before (runbook.state)');
  });
});

describe('zarafa2kopano --bundle', () => {
  it('writes files/, the runbooks (0600, no secret), MANIFEST.sha256 and INPUTS.sha256, and refuses a non-empty directory', () => {
    const tmp = makeTree({});
    const bundle = path.join(tmp, 'b');
    const sample = cases[0]!;
    const r = spawnSync(process.execPath, [BIN, '--quiet', '--target', '8.7', '--bundle', bundle, sample.zarafaDir], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`Wrote the bundle to ${bundle}`);
    expect(listFiles(bundle)).toEqual(['INPUTS.sha256', 'MANIFEST.sha256', ...listFiles(sample.kopanoDir).map((f) => `files/etc/kopano/${f}`), 'runbook.md', 'runbook.sh'].sort());
    for (const f of ['runbook.sh', 'runbook.md']) expect(statSync(path.join(bundle, f)).mode & 0o777).toBe(0o600);
    const check = spawnSync('sha256sum', ['-c', 'MANIFEST.sha256'], { cwd: bundle, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(readFileSync(path.join(bundle, 'INPUTS.sha256'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}\/etc\/zarafa\/server\.cfg$/m);
    const serverIn = readFileSync(path.join(sample.zarafaDir, 'server.cfg'), 'utf8');
    const password = /^mysql_password\s*=\s*(\S+)/m.exec(serverIn)![1]!;
    // The installed file holds the real value; the runbooks never do.
    expect(readFileSync(path.join(bundle, 'files/etc/kopano/server.cfg'), 'utf8')).toContain(password);
    for (const f of ['runbook.sh', 'runbook.md']) expect(readFileSync(path.join(bundle, f), 'utf8')).not.toContain(password);
    const again = spawnSync(process.execPath, [BIN, '--quiet', '--bundle', bundle, sample.zarafaDir], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('OUT_DIR_NOT_EMPTY');
  });
});
