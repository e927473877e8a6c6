import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidOptionError, translateConfig, translateConfigDir } from '../../src/index.js';

const SERVER = 'run_as_user = zarafa\nserver_socket = file:///var/run/zarafa\n';

function rejection(run: () => unknown): InvalidOptionError {
  try {
    run();
  } catch (e) {
    if (e instanceof InvalidOptionError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('options are checked at the API boundary', () => {
  it.each([
    [{ target: '9.0' }, 'target'],
    [{ target: 8.7 }, 'target'],
    [{ source: '6.4' }, 'source'],
    [{ runAs: { user: '' , group: 'kopano' } }, 'runAs.user'],
    [{ runAs: { user: 'kopano' } }, 'runAs.group'],
    [{ runAs: { user: 'a b', group: 'kopano' } }, 'runAs.user'],
    [{ attachments: 'copy' }, 'attachments'],
    [{ tls: 'old' }, 'tls'],
    [{ showSecrets: 'yes' }, 'showSecrets'],
    [{ targt: '8.7' }, 'targt'],
  ])('translateConfig refuses %j naming %s', (options, option) => {
    const e = rejection(() => translateConfig(SERVER, 'server.cfg', options as never));
    expect(e.option).toBe(option);
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain(option);
  });

  it('accepts every documented option', () => {
    const t = translateConfig(SERVER, 'spooler.cfg', {
      target: '8.7', source: '7.1', ldapSchema: 'kopano', attachments: 'move', runAs: { user: 'kopano', group: 'kopano' }, showSecrets: false,
      tls: 'zcp',
    });
    expect(t.output).toContain('/var/run/kopano');
  });

  const tmp = mkdtempSync(join(tmpdir(), 'z2k-options-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('translateConfigDir refuses a bad option before reading or writing anything', async () => {
    const out = join(tmp, 'out');
    writeFileSync(join(tmp, 'x'), '');
    await expect(translateConfigDir(join(tmp, 'does-not-exist'), { target: '9.0' as never, outDir: out }))
      .rejects.toMatchObject({ name: 'InvalidOptionError', option: 'target' });
    await expect(translateConfigDir(tmp, { force: 'yes' as never })).rejects.toMatchObject({ option: 'force' });
    expect(readdirSync(tmp)).toEqual(['x']);
  });
});
