import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PHASE_INFO } from '../../src/3-plan/runbook/phases.js';
import { translateConfigDir } from '../../src/api/translate-dir.js';
import { renderRunbookMarkdown } from '../../src/report/render-runbook-md.js';
import { ACTION_PHASES } from '../../src/types.js';
import { renderRunbookDoc, RUNBOOK_DOC_PATH, SAMPLE_DIR } from '../../scripts/build-runbook-doc.mjs';

describe('docs/runbook.md', () => {
  it('is what the phases and the sample give (regenerate with npm run gen:docs:runbook)', async () => {
    const sample = renderRunbookMarkdown(await translateConfigDir(SAMPLE_DIR, {}), { zarafaDir: 'sample' });
    const doc = renderRunbookDoc({ phases: ACTION_PHASES, info: PHASE_INFO, sample });
    expect(readFileSync(RUNBOOK_DOC_PATH, 'utf8')).toBe(doc);
    for (const p of ACTION_PHASES) expect(doc).toContain(`| \`${p}\`: ${PHASE_INFO[p].title} |`);
  });
});
