// A Kopano output translated again must plan nothing, whatever ZCP family the second run assumes:
// detectSourceVersion reads Kopano files as ZCP 7.2, and a caller may repeat the family of the first run.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import type { SourceFamily, Target } from '../../src/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const upstream = path.resolve(root, '../shared/corpus/upstream');
const scratch = mkdtempSync(path.join(tmpdir(), 'z2k-idempotence-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const dirs: { name: string; dir: string }[] = [
  ...readdirSync(path.join(root, 'fixtures/cases')).sort()
    .map((c) => ({ name: c, dir: path.join(root, 'fixtures/cases', c, 'zarafa') })),
  // Read only when the shared corpus is present (CI and the workspace have it next to the clone).
  ...(existsSync(upstream) ? readdirSync(upstream).filter((d) => /^zcp-7\.\d+\.\d+$/.test(d)).sort() : [])
    .map((d) => ({ name: `upstream/${d}`, dir: path.join(upstream, d) })),
];

describe.each(dirs)('$name', ({ name, dir }) => {
  it.each(['8.0', '8.7'] as const)('its translation for %s is stable under the detected family and under 7.2', async (target: Target) => {
    const first = await translateConfigDir(dir, { target });
    const family = first.source.version as SourceFamily;
    const out = path.join(scratch, name.replace(/\//g, '_'), target);
    for (const f of first.files) {
      mkdirSync(path.dirname(path.join(out, f.target)), { recursive: true });
      writeFileSync(path.join(out, f.target), f.output);
    }
    for (const source of new Set<SourceFamily>([family, '7.2'])) {
      const again = await translateConfigDir(out, { target, source });
      const changed = again.files.filter((f) => f.changes.length > 0 || f.output !== f.input);
      expect(changed.map((f) => ({ source, file: f.source, changes: f.changes.map((c) => `${c.rule}:${c.key ?? ''}@${c.line ?? '+'} ${c.before ?? ''} -> ${c.after ?? ''}`) })))
        .toEqual([]);
    }
  });
});
