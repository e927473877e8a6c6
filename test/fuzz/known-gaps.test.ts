import { describe, expect, it } from 'vitest';
import { checkValidOutput, KNOWN_GAPS, worksWithSource } from './cases.js';

describe('fuzz: known translation gaps (reported; the valid-config generator leaves these keys out)', () => {
  for (const gap of KNOWN_GAPS) {
    it(`${gap.daemon} ${gap.key} (${gap.sources.join(', ')}): ${gap.why}`, () => {
      // The example is a config the source daemon accepts…
      expect(worksWithSource(gap.example)).toBe(true);
      // …whose translation still fails the property. Once a rule handles it, delete the entry.
      expect(checkValidOutput(gap.example)).toBeDefined();
    });
  }
});
