import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-alias-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('an include that names a file through a symlink', () => {
  it('still finds the translated file in the output, and a run on the output changes nothing', async () => {
    const dir = join(tmp, 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, 'server.cfg'), 'server_pipe_name = /var/run/zarafa\n!include alias.inc\n');
    writeFileSync(join(dir, 'x.inc'), 'log_file = /var/log/zarafa/server.log\n');
    symlinkSync('x.inc', join(dir, 'alias.inc'));
    const out = join(tmp, 'out');
    const r = await translateConfigDir(dir, { outDir: out });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(readFileSync(join(out, 'server.cfg'), 'utf8')).toContain('!include alias.inc');
    expect(readFileSync(join(out, 'alias.inc'), 'utf8')).toBe('log_file = /var/log/kopano/server.log\n');
    expect(readFileSync(join(out, 'x.inc'), 'utf8')).toBe('log_file = /var/log/kopano/server.log\n');
    const again = await translateConfigDir(out);
    expect(again.diagnostics.filter((d) => d.code === 'INCLUDE_NOT_FOUND')).toEqual([]);
    expect(again.patch).toBe('');
  });
});
