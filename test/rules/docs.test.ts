import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/3-plan/rules/index.js';
import { renderRulesDoc, RULES_DOC_PATH } from '../../scripts/build-rules-doc.mjs';

const escaped = (s: string) => s.replace(/\*/g, '\\*').replace(/</g, '&lt;');

describe('docs/rules.md', () => {
  it('is what the rule table gives (regenerate with npm run gen:docs:rules)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc(RULES));
  });

  it('names every rule with its why and guide step', () => {
    const doc = renderRulesDoc(RULES);
    for (const r of RULES) {
      expect(doc).toContain(`## ${r.id}\n`);
      expect(doc).toContain(`- Why: ${escaped(r.why)}\n`);
      expect(doc).toContain(`- Guide step: ${escaped(r.guide)}\n`);
    }
  });
});
