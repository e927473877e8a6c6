import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/bin.js';

// The README's install commands, as a newcomer runs them (the package is not on the npm registry):
// `npm pack` in the clone, `npm install -g ./zarafa2kopano-<version>.tgz`, or the one-file bin copied
// alone. npm fetches the three runtime dependencies the way the clone's `npm ci` did (its cache first).
const tmp = mkdtempSync(path.join(tmpdir(), 'z2k-install-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const SAMPLE = path.join(ROOT, 'fixtures/sample/etc/zarafa');
const SAMPLE_DIFF = readFileSync(path.join(ROOT, 'fixtures/sample/expected.diff'), 'utf8');
const node = (args: string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('installing the npm pack tarball', () => {
  it('into a fresh prefix gives a zarafa2kopano command and an importable library', () => {
    // --ignore-scripts: `npm test` built dist/ already; the tarball holds it.
    execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const prefix = path.join(tmp, 'prefix');
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error', path.join(tmp, tarball!)],
      { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });

    const bin = path.join(prefix, 'bin', 'zarafa2kopano');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.stdout).toBe(`${pkg.version}\n`);
    expect(version.status).toBe(0);
    const run = spawnSync(bin, [SAMPLE], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(SAMPLE_DIFF);

    const lib = path.join(prefix, 'lib', 'node_modules', pkg.name, 'dist', 'index.js');
    const imported = node(['--input-type=module', '-e', `const m = await import(${JSON.stringify(lib)}); console.log(typeof m.translateConfigDir, typeof m.translateConfig)`], tmp);
    expect(imported.stdout, imported.stderr).toBe('function function\n');
  }, 180_000);
});

describe('the one-file bin', () => {
  it('runs copied alone into an empty directory (no package.json, no node_modules above it)', () => {
    const lone = mkdtempSync(path.join(tmp, 'lone-'));
    copyFileSync(BIN, path.join(lone, 'zarafa2kopano.js'));
    const version = node(['zarafa2kopano.js', '--version'], lone);
    expect(version.stderr).toBe('');
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const run = node(['zarafa2kopano.js', SAMPLE], lone);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(SAMPLE_DIFF);
  });
});
