import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { terminalSafe } from '../../src/report/terminal-safe.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function run(args: string[], tty: boolean): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  await main(args, {
    stdout: { write: (s: string | Uint8Array) => { out += typeof s === 'string' ? s : Buffer.from(s).toString('latin1'); }, isTTY: tty },
    stderr: { write: (s: string) => { err += s; }, isTTY: tty },
    env: { NO_COLOR: '1' },
  });
  return { out, err };
}

describe('control characters of the input on a terminal', () => {
  it('are escaped on a TTY and left as they are in a pipe (where the patch must apply)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'z2k-tty-'));
    try {
      writeFileSync(join(dir, 'server.cfg'), 'server_pipe_name = /var/run/zarafa\nserver_hostname = evil\x1b[2Jname\n');
      const tty = await run([dir], true);
      expect(tty.out).not.toContain('\x1b');
      expect(tty.out).toContain('evil\\x1b[2Jname');
      expect(tty.err).not.toContain('\x1b');
      const pipe = await run([dir], false);
      expect(pipe.out).toContain('\x1b[2J');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps tabs, line feeds and CRLF line ends', () => {
    expect(terminalSafe('a\tb\r\nc\rd\x07\n')).toBe('a\tb\r\nc\\x0dd\\x07\n');
  });
});
