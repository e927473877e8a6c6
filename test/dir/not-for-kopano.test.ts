import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'z2k-unread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('files no Kopano program reads', () => {
  it('are not written, and the result says what became of their program', async () => {
    const dir = join(tmp, 'zarafa');
    mkdirSync(dir);
    writeFileSync(join(dir, 'server.cfg'), 'server_pipe_name = /var/run/zarafa\n');
    writeFileSync(join(dir, 'ws.cfg'), 'server_socket = file:///var/run/zarafa\n');
    writeFileSync(join(dir, 'example-msr.cfg'), '[Connection]\nserverpath: file:///var/run/zarafa\n');
    writeFileSync(join(dir, 'local.cfg'), 'x = 1\n');
    const out = join(tmp, 'out');
    const r = await translateConfigDir(dir, { outDir: out });
    expect(r.files.map((f) => f.target)).toEqual(['local.cfg', 'server.cfg']);
    expect(existsSync(join(out, 'ws.cfg'))).toBe(false);
    expect(existsSync(join(out, 'example-msr.cfg'))).toBe(false);
    expect(existsSync(join(out, 'server.cfg'))).toBe(true);
    const notes = r.diagnostics.filter((d) => d.code === 'NOT_FOR_KOPANO');
    expect(notes.map((d) => [d.file, d.severity])).toEqual([['example-msr.cfg', 'info'], ['ws.cfg', 'info']]);
    expect(notes.find((d) => d.file === 'ws.cfg')!.message).toContain('zarafa-ws');
  });

  it('are still translated when a daemon includes them', async () => {
    const dir = join(tmp, 'included');
    mkdirSync(dir);
    writeFileSync(join(dir, 'server.cfg'), '!include ws.cfg\n');
    writeFileSync(join(dir, 'ws.cfg'), 'server_pipe_name = /var/run/zarafa\n');
    const r = await translateConfigDir(dir);
    expect(r.files.find((f) => f.source === 'ws.cfg')?.output).toBe('server_pipe_name = /var/run/kopano/server.sock\n');
    expect(r.diagnostics.some((d) => d.code === 'NOT_FOR_KOPANO')).toBe(false);
  });
});
