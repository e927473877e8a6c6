import { describe, expect, it } from 'vitest';
import { DAEMON_FILES, daemonFileOf, dialectOf, getOptionTable, parseConfig, translateConfig, translateConfigDir } from '../../src/index.js';
import { isAccountName } from '../../src/3-plan/account-name.js';
import type { Rule } from '../../src/3-plan/rule.js';
import { setValue } from '../../src/3-plan/rule-steps.js';
import { runRules } from './run-rules.js';
import { makeTree } from '../dir/helpers.js';
import type { SourceFamily } from '../../src/types.js';

/**
 * The blanks JavaScript's trim() strips and the C++ reader keeps (it trims space, tab, CR and LF
 * only; common/ECConfigImpl.cpp): found by trying every UTF-16 code unit, not listed by hand.
 */
const CPP_KEEPS = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((s) => s.trim() === '' && !' \t\r\n'.includes(s));
const hex = (s: string): string => `U+${s.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The value `key` has in an output, as the target's reader of that daemon reads it. */
function valueIn(output: string, target: string, key: string, version: '8.0' | '8.7'): string | undefined {
  const daemon = daemonFileOf(target)!;
  const doc = parseConfig(output, { file: target, dialect: dialectOf(daemon, version) });
  let value: string | undefined;
  for (const l of doc.lines) if (l.kind === 'setting' && l.key === key) value = l.value;
  return value;
}

describe('run-as: a run_as_user that is no user name (a no-break space before it)', () => {
  it('the readers disagree on it: C++ keeps the no-break space in the value, Python strips it', () => {
    expect(CPP_KEEPS).toContain('\u00a0');
    expect(CPP_KEEPS.length).toBeGreaterThan(10);
    const line = 'run_as_user = \u00a0zarafa\n';
    expect(parseConfig(line, { dialect: 'cpp' }).lines[0]).toMatchObject({ kind: 'setting', value: '\u00a0zarafa' });
    expect(parseConfig(line, { dialect: 'python' }).lines[0]).toMatchObject({ kind: 'setting', value: 'zarafa' });
  });

  it('server.cfg\'s value is not carried into the Python daemons\' files: no crash, kopano runs every daemon, with a warning', async () => {
    // Before: the kept "\u00a0zarafa" was written into search.cfg, which Python reads back as "zarafa": EditConflictError.
    const dir = makeTree({ 'server.cfg': 'run_as_user = \u00a0zarafa\n', 'search.cfg': 'run_as_user =\n' });
    const r = await translateConfigDir(dir, { source: '7.2', target: '8.7' });
    const out = (f: string): string => r.files.find((x) => x.source === f)!.output;
    expect(valueIn(out('server.cfg'), 'server.cfg', 'run_as_user', '8.7')).toBe('kopano');
    expect(valueIn(out('search.cfg'), 'search.cfg', 'run_as_user', '8.7')).toBe('kopano');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const warned = r.diagnostics.filter((d) => d.code === 'RUN_AS_NOT_A_NAME');
    expect(warned.map((d) => [d.file, d.line, d.severity])).toEqual([['server.cfg', 1, 'warning']]);
    expect(warned[0]!.message).toContain('"\\u00a0zarafa"');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('RUN_AS_KEPT');
  });

  it('one file: the user is not kept, a group that is no name goes with the user', () => {
    const r = translateConfig('run_as_user = \u00a0zarafa\nrun_as_group = zarafa\n', 'spooler.cfg', { target: '8.7' });
    expect(valueIn(r.output, 'spooler.cfg', 'run_as_user', '8.7')).toBe('kopano');
    const g = translateConfig('run_as_user = zarafa\nrun_as_group = zarafa\u3000\n', 'spooler.cfg', { target: '8.7' });
    expect(valueIn(g.output, 'spooler.cfg', 'run_as_group', '8.7')).toBe('zarafa');
    expect(g.diagnostics.filter((d) => d.code === 'RUN_AS_NOT_A_NAME').map((d) => d.line)).toEqual([2]);
  });

  // Every blank trim() strips and C++ keeps, before the user and after the group, in every daemon file that reads them.
  it.each(['7.0', '7.2'] as const)('property, from %s: every such blank, every daemon file; one account name runs them all', async (source: SourceFamily) => {
    const files = DAEMON_FILES.filter((f) => getOptionTable(f, source)?.options.has('run_as_user'));
    expect(files.length).toBeGreaterThan(5);
    for (const c of CPP_KEEPS) {
      const dir = makeTree(Object.fromEntries(files.map((f) => [f, `run_as_user = ${c}zarafa\nrun_as_group = zarafa${c}\n`])));
      const r = await translateConfigDir(dir, { source, target: '8.7' });
      expect(r.diagnostics.filter((d) => d.code === 'RULE_EDIT_FAILED'), hex(c)).toEqual([]);
      const users = new Set<string | undefined>();
      for (const f of r.files) {
        const user = valueIn(f.output, f.target, 'run_as_user', '8.7');
        const group = valueIn(f.output, f.target, 'run_as_group', '8.7');
        expect(isAccountName(user ?? 'kopano') && isAccountName(group ?? 'kopano'), `${hex(c)} ${f.target}: ${JSON.stringify([user, group])}`).toBe(true);
        users.add(user);
      }
      expect(users.size, hex(c)).toBe(1);
    }
  }, 120_000);

  it('property: every key of every daemon file with such blanks around its value translates without a failed edit', () => {
    let runs = 0;
    for (const file of DAEMON_FILES) {
      for (const source of ['7.0', '7.1', '7.2'] as const) {
        const table = getOptionTable(file, source);
        if (!table) continue;
        for (const c of CPP_KEEPS) {
          const text = [...table.options.values()].map((s) => `${s.name} = ${c}${s.default || s.sample || 'x'}${c}\n`).join('');
          const r = translateConfig(text, file, { source, target: '8.7' });
          expect(r.diagnostics.filter((d) => d.code === 'RULE_EDIT_FAILED'), `${file} ${source} ${hex(c)}`).toEqual([]);
          runs++;
        }
      }
    }
    expect(runs).toBeGreaterThan(100);
  }, 120_000);
});

describe('a plan the reader would not read back', () => {
  it('is an error diagnostic and an untranslated file, not an exception', () => {
    const padded: Rule = {
      id: 'test-padded', title: 't', why: 't', guide: 't', files: 'all',
      *apply() {
        yield setValue(1, ' padded', 'a value with a blank before it does not read back');
      },
    };
    const text = 'log_level = 3\n';
    const r = runRules([padded], text, 'spooler.cfg');
    expect(r.output).toBe(text);
    expect(r.changes).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['RULE_EDIT_FAILED', 'error', 'the planned edits could not be written (set-value on line 1); the file is not translated'],
    ]);
  });
});
