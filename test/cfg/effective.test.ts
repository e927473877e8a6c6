import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { effectiveSettings, settingsOf, type IncludeResolver } from '../../src/cfg/effective.js';
import type { ConfigDocument } from '../../src/cfg/model.js';

/** A resolver over in-memory files that re-parses on every call, like a real one reading disk. */
function filesResolver(files: Record<string, string>, calls: string[] = []): IncludeResolver {
  return (directive) => {
    calls.push(directive.arg);
    const text = files[directive.arg];
    return text === undefined ? undefined : parseConfig(text, { file: directive.arg });
  };
}

const values = (m: Map<string, { file: string; line: { value: string } }>): Record<string, string> =>
  Object.fromEntries([...m].map(([k, s]) => [k, `${s.line.value}@${s.file}`]));

describe('effectiveSettings', () => {
  it('last assignment wins, in the order of last assignment', () => {
    const doc = parseConfig('a = 1\nb = 2\na = 3\n', { file: 'main.cfg' });
    const eff = effectiveSettings(doc);
    expect([...eff.keys()]).toEqual(['b', 'a']);
    expect(values(eff)).toEqual({ a: '3@main.cfg', b: '2@main.cfg' });
    expect(eff.get('a')!.line.number).toBe(3);
  });

  it('an !include overrides earlier lines and is overridden by later ones', () => {
    const doc = parseConfig('a = main1\nb = main1\n!include inc.cfg\nb = main2\n', { file: 'main.cfg' });
    const eff = effectiveSettings(doc, filesResolver({ 'inc.cfg': 'a = inc\nb = inc\nc = inc\n' }));
    expect(values(eff)).toEqual({ a: 'inc@inc.cfg', b: 'main2@main.cfg', c: 'inc@inc.cfg' });
  });

  it('include cycles and repeated includes stop: a file is read once', () => {
    const calls: string[] = [];
    const files = {
      'a.cfg': 'x = a\n!include b.cfg\n',
      'b.cfg': 'y = b\n!include a.cfg\n!include main.cfg\n',
    };
    const doc = parseConfig('x = main\n!include a.cfg\n!include a.cfg\nz = main\n', { file: 'main.cfg' });
    const eff = effectiveSettings(doc, filesResolver(files, calls));
    expect(values(eff)).toEqual({ x: 'a@a.cfg', y: 'b@b.cfg', z: 'main@main.cfg' });
    expect(calls).toEqual(['a.cfg', 'b.cfg', 'a.cfg', 'main.cfg', 'a.cfg']);
  });

  it('an unresolvable include is skipped; without a resolver includes are not followed', () => {
    const doc = parseConfig('!include missing.cfg\na = 1\n', { file: 'main.cfg' });
    expect(values(effectiveSettings(doc, filesResolver({})))).toEqual({ a: '1@main.cfg' });
    expect(values(effectiveSettings(doc))).toEqual({ a: '1@main.cfg' });
  });

  it('does not follow directives the reader ignores', () => {
    const calls: string[] = [];
    const resolver = filesResolver({ 'inc.cfg': 'a = inc\n' }, calls);
    const py = parseConfig('!include inc.cfg\n', { dialect: 'python' });
    expect(effectiveSettings(py, resolver).size).toBe(0);
    const noArg = parseConfig('!include\n');
    const propmap = parseConfig('!propmap inc.cfg\n');
    expect(effectiveSettings(noArg, resolver).size + effectiveSettings(propmap, resolver).size).toBe(0);
    expect(calls).toEqual([]);
  });

  it('terminates when a resolver returns the including document itself (anonymous files)', () => {
    const self: ConfigDocument = parseConfig('a = 1\n!include self\n');
    expect(values(effectiveSettings(self, () => self))).toEqual({ a: '1@' });
  });
});

describe('settingsOf', () => {
  it('maps each key to its last line in this file only', () => {
    const doc = parseConfig('a = 1\n!include x\n  # m = 1\na = 2\n');
    const s = settingsOf(doc);
    expect([...s.keys()]).toEqual(['a']);
    expect(s.get('a')!.number).toBe(4);
  });
});
