import { describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { renderReport } from '../../src/report/render-report.js';
import { makeTree } from '../dir/helpers.js';

// Eight daemons on one host, each with the same custom socket: eight near-identical warnings.
const DAEMONS = ['dagent', 'gateway', 'ical', 'spooler', 'monitor', 'archiver', 'search', 'presence'];

describe('the report groups repeated warnings of one code', () => {
  it('eight CUSTOM_SOCKET_KEPT become one line naming every file; --verbose keeps eight', async () => {
    const dir = makeTree(Object.fromEntries(DAEMONS.map((d) => [`${d}.cfg`, 'server_socket = file:///srv/mail/server.sock\n'])));
    const r = await translateConfigDir(dir, { source: '7.2', target: '8.0' });
    expect(r.diagnostics.filter((d) => d.code === 'CUSTOM_SOCKET_KEPT')).toHaveLength(8);
    const lines = renderReport(r, { zarafaDir: 'z' }).split('\n').filter((l) => l.includes('CUSTOM_SOCKET_KEPT'));
    expect(lines).toHaveLength(1);
    for (const d of DAEMONS) expect(lines[0]).toContain(`${d}.cfg:1`);
    expect(lines[0]).toMatch(/: warning CUSTOM_SOCKET_KEPT \(8, as the first says\): server_socket = file:\/\/\/srv\/mail\/server\.sock is not/);
    const verbose = renderReport(r, { zarafaDir: 'z', verbose: true }).split('\n').filter((l) => l.includes('CUSTOM_SOCKET_KEPT'));
    expect(verbose).toHaveLength(8);
  });
});
