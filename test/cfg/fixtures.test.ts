import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';
import { applyEdits } from '../../src/cfg/edit.js';
import { effectiveSettings } from '../../src/cfg/effective.js';
import { decodeConfigBytes, encodeConfigText } from '../../src/cfg/bytes.js';

const dir = fileURLToPath(new URL('../../fixtures/format/', import.meta.url));
const bytesOf = (name: string): Buffer => readFileSync(dir + name);
const load = (name: string) => {
  const { text, encoding } = decodeConfigBytes(bytesOf(name));
  return { doc: parseConfig(text, { file: name, encoding }), encoding };
};
const save = (doc: ReturnType<typeof load>['doc'], encoding: 'utf8' | 'latin1'): Buffer =>
  encodeConfigText(printConfig(doc), encoding);
const summary = (name: string): string[] => load(name).doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);

describe('fixtures/format', () => {
  const cfgs = readdirSync(dir).filter((f) => f.endsWith('.cfg')).sort();

  it('has the fixtures the format tests rely on', () => {
    expect(cfgs).toEqual(['crlf.cfg', 'directives-extra.cfg', 'directives.cfg', 'duplicates.cfg', 'latin1.cfg', 'no-final-newline.cfg']);
  });

  for (const name of cfgs) {
    it(`${name} round-trips byte-exact`, () => {
      const { doc, encoding } = load(name);
      expect(save(doc, encoding).equals(bytesOf(name))).toBe(true);
    });
  }

  it('crlf.cfg: every line ends in CRLF and values carry no CR', () => {
    const bytes = bytesOf('crlf.cfg');
    expect(bytes.toString('latin1').split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const { doc } = load('crlf.cfg');
    expect(doc.lines.map((l) => l.eol)).toEqual(Array(doc.lines.length).fill('\r\n'));
    expect(doc.lines.filter((l) => l.kind === 'setting').map((l) => l.kind === 'setting' && `${l.key}=${l.value}`))
      .toEqual(['server_socket=http://localhost:236/zarafa', 'imap_enable=yes', 'log_level=4']);
    const out = applyEdits(doc, [
      { op: 'set-value', line: 6, value: '2' },
      { op: 'insert', after: 4, key: 'imaps_enable', value: 'no' },
      { op: 'uncomment', line: 5, value: 'yes' },
    ]);
    expect(printConfig(out)).toBe([
      '# A gateway config saved by a Windows editor: every line ends in CR LF.',
      '',
      'server_socket = http://localhost:236/zarafa',
      'imap_enable\t=\tyes',
      'imaps_enable\t=\tno',
      'pop3_enable = yes',
      'log_level = 2',
      '',
    ].join('\r\n'));
  });

  it('latin1.cfg: decoded as latin-1; an edit elsewhere leaves the latin-1 comment bytes intact', () => {
    const original = bytesOf('latin1.cfg');
    expect(original.includes(Buffer.from([0x66, 0xfc, 0x72]))).toBe(true); // "für" in latin-1
    const { doc, encoding } = load('latin1.cfg');
    expect(encoding).toBe('latin1');
    const out = save(applyEdits(doc, [
      { op: 'set-value', line: 4, value: '512M' },
      { op: 'rename-key', line: 3, key: 'attachment_storage_x' },
    ]), encoding);
    const lines = (b: Buffer): Buffer[] => {
      const parts: Buffer[] = [];
      let start = 0;
      for (let i = b.indexOf(0x0a); i !== -1; i = b.indexOf(0x0a, start)) {
        parts.push(b.subarray(start, i + 1));
        start = i + 1;
      }
      return parts;
    };
    const before = lines(original);
    const after = lines(out);
    expect(after).toHaveLength(before.length);
    // Comment lines 1-2 and line 5 (a latin-1 value) are byte-identical; 3-4 changed as asked.
    for (const i of [0, 1, 4]) expect(after[i]!.equals(before[i]!)).toBe(true);
    expect(after[2]!.toString('latin1')).toBe('attachment_storage_x = files\n');
    expect(after[3]!.toString('latin1')).toBe('cache_cell_size = 512M\n');
  });

  it('no-final-newline.cfg: stays without a final newline after an insert at the end', () => {
    const { doc } = load('no-final-newline.cfg');
    expect(doc.lines.at(-1)).toMatchObject({ raw: 'log_level = 3', eol: '' });
    const out = printConfig(applyEdits(doc, [{ op: 'insert', after: 3, key: 'pid_file', value: '/run/x.pid' }]));
    expect(out).toBe('# The last line has no line end.\nrun_as_user = zarafa\nlog_level = 3\npid_file = /run/x.pid');
  });

  it('duplicates.cfg: last assignment wins, earlier ones are reported', () => {
    const { doc } = load('duplicates.cfg');
    expect(summary('duplicates.cfg')).toEqual(['4 warning DUPLICATE_KEY', '7 warning DUPLICATE_KEY', '8 warning DUPLICATE_KEY']);
    const eff = effectiveSettings(doc);
    expect([...eff].map(([k, s]) => `${k}=${s.line.value}@${s.line.number}`)).toEqual(['server_bind=127.0.0.1@7', 'log_level=6@8']);
  });

  it('directives.cfg: kinds, diagnostics and the include read where it stands', () => {
    const { doc } = load('directives.cfg');
    expect(doc.lines.map((l) => l.kind)).toEqual([
      'comment', 'setting', 'directive', 'setting', 'directive', 'directive', 'directive', 'skipped', 'misread',
    ]);
    expect(summary('directives.cfg')).toEqual(['6 warning UNKNOWN_DIRECTIVE', '7 warning UNKNOWN_DIRECTIVE', '9 warning MISREAD_LINE']);
    const eff = effectiveSettings(doc, (d) => {
      if (d.arg !== 'directives-extra.cfg') return undefined;
      return load(d.arg).doc;
    });
    expect([...eff].map(([k, s]) => `${k}=${s.line.value}@${s.file}`)).toEqual([
      'server_bind=10.0.0.1@directives-extra.cfg',
      'log_level=5@directives.cfg',
    ]);
    const out = printConfig(applyEdits(doc, [
      { op: 'set-directive-arg', line: 5, arg: '/etc/kopano/ldap.propmap.cfg' },
      { op: 'comment-out', line: 9, reason: 'misread by the daemon' },
    ]));
    expect(out.split('\n').slice(4)).toEqual([
      '!propmap /etc/kopano/ldap.propmap.cfg',
      '!frobnicate now',
      '!include',
      '  !include not-a-directive.cfg',
      '# zarafa2kopano: misread by the daemon',
      '#  # ldap_uri = ldap://old.example.com',
      '',
    ]);
  });
});
