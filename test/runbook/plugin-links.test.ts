import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pluginLinksStep } from '../../src/3-plan/runbook/host-steps.js';

const roots: string[] = [];
afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });

/** Runs a shell snippet of the step under ROOT with the runbook's `at` helper; exit status and stderr. */
function runUnder(root: string, snippet: string): { status: number; stderr: string } {
  const script = `at() { printf '%s%s' "$Z2K_ROOT" "$1"; }\n${snippet}\n`;
  try {
    execFileSync('bash', ['-c', script], { env: { ...process.env, Z2K_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    return { status: err.status, stderr: err.stderr.toString() };
  }
}

function makeRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'z2k-plugins-'));
  roots.push(root);
  const at = (p: string): string => path.join(root, p);
  for (const d of ['var/lib/zarafa/dagent/plugins', 'var/lib/zarafa/spooler/plugins', 'usr/share/kopano-dagent/python/plugins', 'usr/share/kopano-spooler/python/plugins']) mkdirSync(at(d), { recursive: true });
  writeFileSync(at('usr/share/kopano-dagent/python/plugins/movetopublic.py'), '');
  writeFileSync(at('usr/share/kopano-spooler/python/plugins/disclaimer.py'), '');
  symlinkSync('/usr/share/zarafa-dagent/python/plugins/movetopublic.py', at('var/lib/zarafa/dagent/plugins/movetopublic.py'));
  symlinkSync('/usr/share/zarafa-dagent/python/plugins/gone.py', at('var/lib/zarafa/dagent/plugins/gone.py'));
  symlinkSync('/usr/share/zarafa-spooler/python/plugins/disclaimer.py', at('var/lib/zarafa/spooler/plugins/disclaimer.py'));
  symlinkSync('/opt/local/mine.py', at('var/lib/zarafa/dagent/plugins/mine.py'));
  return root;
}

describe('host:plugin-links', () => {
  it('re-points the dagent and spooler plugin links at the Kopano files, names the one with none, leaves others', () => {
    const root = makeRoot();
    const step = pluginLinksStep();
    expect(step.scope).toBe('files');
    expect(runUnder(root, step.check!).status).not.toBe(0);
    const run = runUnder(root, step.command!);
    expect(run.status).toBe(0);
    const link = (p: string): string => readlinkSync(path.join(root, p));
    expect(link('var/lib/zarafa/dagent/plugins/movetopublic.py')).toBe('/usr/share/kopano-dagent/python/plugins/movetopublic.py');
    expect(link('var/lib/zarafa/spooler/plugins/disclaimer.py')).toBe('/usr/share/kopano-spooler/python/plugins/disclaimer.py');
    expect(link('var/lib/zarafa/dagent/plugins/gone.py')).toBe('/usr/share/zarafa-dagent/python/plugins/gone.py');
    expect(link('var/lib/zarafa/dagent/plugins/mine.py')).toBe('/opt/local/mine.py');
    // The left link still points into ZCP, so the check does not hold yet; once it is gone, it does.
    expect(runUnder(root, step.check!).status).not.toBe(0);
    rmSync(path.join(root, 'var/lib/zarafa/dagent/plugins/gone.py'));
    expect(runUnder(root, step.check!).status).toBe(0);
    // Safe to repeat: a second run changes nothing.
    expect(runUnder(root, step.command!).status).toBe(0);
    expect(link('var/lib/zarafa/dagent/plugins/movetopublic.py')).toBe('/usr/share/kopano-dagent/python/plugins/movetopublic.py');
  });

  it('does nothing, and holds, on a root without plugin directories', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'z2k-plugins-'));
    roots.push(root);
    expect(runUnder(root, pluginLinksStep().check!).status).toBe(0);
    expect(runUnder(root, pluginLinksStep().command!).status).toBe(0);
  });
});
