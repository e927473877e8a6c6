import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lmtpAddress, lmtpTestCommand } from '../../src/3-plan/runbook/lmtp-test.js';
import type { DaemonView } from '../../src/3-plan/runbook/config-view.js';

/** A loopback LMTP responder: 250 to every command, 354 to DATA, `rcpt` to RCPT TO. */
function lmtpServer(rcpt: string): Promise<{ server: Server; port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((sock) => {
    sock.write('220 test LMTP\r\n');
    let buf = '';
    let inData = false;
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        seen.push(line);
        if (inData) {
          if (line === '.') { inData = false; sock.write(rcpt.startsWith('250') ? '250 2.1.5 delivered\r\n' : '451 4.3.0 not delivered\r\n'); }
          continue;
        }
        if (line.startsWith('RCPT')) sock.write(`${rcpt}\r\n`);
        else if (line === 'DATA') { inData = true; sock.write('354 go ahead\r\n'); }
        else if (line === 'QUIT') { sock.end('221 bye\r\n'); }
        else sock.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, seen })));
}

function bash(command: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    p.stdout.on('data', (d) => { out += String(d); });
    p.stderr.on('data', (d) => { out += String(d); });
    p.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

const view = (after: Record<string, string>): DaemonView => ({
  daemon: 'dagent.cfg', file: 'dagent.cfg', before: new Map(),
  after: new Map(Object.entries(after).map(([k, v]) => [k, { value: v, origin: { kind: 'file' as const, file: 'dagent.cfg', line: 1 } }])),
});

let open: Server | undefined;
afterEach(() => { open?.close(); open = undefined; });

describe('the LMTP delivery test of the runbook', () => {
  it('reads the listener of each target', () => {
    expect(lmtpAddress(view({ lmtp_listen: '127.0.0.1:2003' }))).toEqual({ host: '127.0.0.1', port: '2003' });
    expect(lmtpAddress(view({ lmtp_listen: '*:2003 [::1]:2004' }))).toEqual({ host: '127.0.0.1', port: '2003' });
    expect(lmtpAddress(view({ lmtp_listen: '*%lo:2003' }))).toEqual({ host: '127.0.0.1', port: '2003' });
    expect(lmtpAddress(view({ lmtp_listen: '[::1]:24' }))).toEqual({ host: '::1', port: '24' });
    expect(lmtpAddress(view({ server_bind: '', lmtp_port: '2003' }))).toEqual({ host: '127.0.0.1', port: '2003' });
    expect(lmtpAddress(view({ lmtp_listen: '' }))).toBeUndefined();
    expect(lmtpAddress(undefined)).toBeUndefined();
  });

  it('passes when the dagent accepts the message, sending the recipient in RCPT TO', async () => {
    const s = await lmtpServer('250 2.1.5 ok');
    open = s.server;
    const r = await bash(lmtpTestCommand({ host: '127.0.0.1', port: String(s.port) }), { TEST_RECIPIENT: 'anna' });
    expect(r.code, r.out).toBe(0);
    expect(s.seen).toContain('RCPT TO:<anna>');
    expect(s.seen).toContain('.');
  });

  it('fails when the dagent refuses the recipient, and when nothing listens', async () => {
    const s = await lmtpServer('550 5.1.1 no such user');
    open = s.server;
    expect((await bash(lmtpTestCommand({ host: '127.0.0.1', port: String(s.port) }), { TEST_RECIPIENT: 'nobody' })).code).not.toBe(0);
    s.server.close();
    open = undefined;
    expect((await bash(lmtpTestCommand({ host: '127.0.0.1', port: String(s.port) }), { TEST_RECIPIENT: 'anna' })).code).not.toBe(0);
  });

  it('needs TEST_RECIPIENT', async () => {
    const r = await bash(lmtpTestCommand({ host: '127.0.0.1', port: '1' }), {});
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('set TEST_RECIPIENT');
  });
});
