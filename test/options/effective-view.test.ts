// effectiveConfig takes a one-pass shortcut and the rules read it through effectiveView; both must
// give exactly what the plain definition gives (defaults, then the ordered effective view on top).
import { describe, expect, it } from 'vitest';
import { effectiveSettings, type IncludeResolver } from '../../src/cfg/effective.js';
import type { ConfigDocument } from '../../src/cfg/model.js';
import { parseConfig } from '../../src/cfg/parse.js';
import {
  effectiveConfig,
  effectiveView,
  getOptionTable,
  type DaemonFile,
  type EffectiveValue,
  type TableVersion,
} from '../../src/options/index.js';
import { generateLine, makeRng, type Rng } from '../helpers/generate.js';

/** The definition: every default, then each effective setting stored under its alias target. */
function reference(doc: ConfigDocument, file: DaemonFile, version: TableVersion, resolve?: IncludeResolver): Map<string, EffectiveValue> {
  const out = new Map<string, EffectiveValue>();
  const table = getOptionTable(file, version);
  for (const spec of table?.options.values() ?? []) {
    if (spec.default !== undefined && spec.aliasOf === undefined) out.set(spec.name, { value: spec.default, origin: { kind: 'default' } });
  }
  for (const [key, src] of effectiveSettings(doc, resolve)) {
    const target = table?.options.get(key)?.aliasOf ?? key;
    out.set(target, { value: src.line.value, origin: { kind: 'file', file: src.file, line: src.line.number } });
  }
  return out;
}

const CASES: [DaemonFile, TableVersion][] = [['server.cfg', '7.2'], ['ldap.cfg', '8.0'], ['search.cfg', '7.1'], ['gateway.cfg', '8.7']];

/** Real option names of the table (aliases included), unknown names, and generated lines, often repeated. */
function text(r: Rng, file: DaemonFile, version: TableVersion): string {
  const table = getOptionTable(file, version)!;
  const names = [...table.options.keys(), 'not_an_option', 'another_unknown', 'ldap_user_sendas_attribute', 'server_port'];
  const used: string[] = [];
  const lines: string[] = [];
  for (let i = r.int(25); i > 0; i--) {
    if (r.chance(0.2)) lines.push(generateLine(r));
    else if (r.chance(0.1)) lines.push('!include other.cfg');
    else {
      const key = used.length > 0 && r.chance(0.3) ? r.pick(used) : r.pick(names);
      used.push(key);
      lines.push(`${key} = v${r.int(5)}`);
    }
  }
  return lines.join('\n');
}

describe('effectiveConfig and effectiveView', () => {
  it('effectiveConfig hands out entries of its own: changing one changes no later result', () => {
    const doc = parseConfig('server_name = x\n');
    const first = effectiveConfig(doc, 'server.cfg', '7.2');
    const entry = first.get('allow_local_users')!;
    expect(entry.origin.kind).toBe('default');
    entry.value = 'changed';
    expect(effectiveConfig(doc, 'server.cfg', '7.2').get('allow_local_users')!.value).toBe('yes');
    expect(effectiveView(doc, 'server.cfg', '7.2').get('allow_local_users')!.value).toBe('yes');
  });
  it('equal the definition in values and key order, with and without includes followed', () => {
    const r = makeRng(7);
    const other = parseConfig('not_an_option = from include\nlog_level = 6\nanother_unknown = x\n', { file: 'other.cfg' });
    const resolve: IncludeResolver = () => other;
    for (let i = 0; i < 400; i++) {
      const [file, version] = r.pick(CASES);
      const doc = parseConfig(text(r, file, version), { file });
      for (const res of [undefined, resolve]) {
        const want = [...reference(doc, file, version, res)];
        expect([...effectiveConfig(doc, file, version, res)]).toEqual(want);
        const view = effectiveView(doc, file, version, res);
        for (const [key, value] of want) {
          expect(view.get(key)).toEqual(value);
          expect(view.has(key)).toBe(true);
        }
        expect(view.get('never_set_anywhere')).toBeUndefined();
        expect(view.has('never_set_anywhere')).toBe(false);
        expect(view.size).toBe(want.length);
        expect([...view]).toEqual(want);
      }
    }
  });
});
