import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEFTOVER_AREAS } from '../../src/1-load/load-host.js';
import { HOST_KINDS } from '../../src/host/kinds/index.js';
import { TOOL_MAPPINGS, ZCP_PATHS, ZCP_SOCKETS } from '../../src/host/zcp-names.js';
import { HOST_DOC_PATH, renderHostDoc } from '../../scripts/build-host-doc.mjs';

describe('docs/host.md', () => {
  it('is what the kinds and the name tables give (regenerate with npm run gen:docs:host)', () => {
    expect(readFileSync(HOST_DOC_PATH, 'utf8')).toBe(renderHostDoc(HOST_KINDS, { tools: TOOL_MAPPINGS, paths: ZCP_PATHS, sockets: ZCP_SOCKETS }, LEFTOVER_AREAS));
  });

  it('traces every mapping of every kind to a source', () => {
    for (const k of HOST_KINDS) {
      expect(k.mappings.length, k.id).toBeGreaterThan(0);
      for (const m of k.mappings) expect(m.source.length, `${k.id}: ${m.old}`).toBeGreaterThan(10);
    }
  });
});
