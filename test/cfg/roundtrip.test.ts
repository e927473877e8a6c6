import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/cfg/parse.js';
import { printConfig } from '../../src/cfg/print.js';
import { decodeConfigBytes, encodeConfigText, canEncode } from '../../src/cfg/bytes.js';
import { makeRng, generateConfigText, generateBytes } from '../helpers/generate.js';

const RUNS = 10_000;

describe('round trip: printConfig(parseConfig(x)) === x', () => {
  for (const dialect of ['cpp', 'python'] as const) {
    it(`holds for ${RUNS} generated inputs (${dialect})`, () => {
      const r = makeRng(dialect === 'cpp' ? 1 : 2);
      const seen = { crlf: 0, noFinalNewline: 0, bom: 0, loneCr: 0, tab: 0, latin1: 0, misread: 0, directive: 0 };
      for (let i = 0; i < RUNS; i++) {
        const text = generateConfigText(r);
        const doc = parseConfig(text, { dialect });
        if (printConfig(doc) !== text) expect.fail(`run ${i}: ${JSON.stringify(text)}`);
        // Every line is exactly the text between line ends.
        for (const line of doc.lines) if (line.raw.includes('\n')) expect.fail(`run ${i}: LF inside line ${line.number}`);
        seen.crlf += text.includes('\r\n') ? 1 : 0;
        seen.noFinalNewline += text !== '' && !text.endsWith('\n') ? 1 : 0;
        seen.bom += doc.bom ? 1 : 0;
        seen.loneCr += /\r(?!\n)/.test(text) ? 1 : 0;
        seen.tab += text.includes('\t') ? 1 : 0;
        seen.latin1 += /[\u0080-\u00ff]/.test(text) ? 1 : 0;
        seen.misread += doc.lines.some((l) => l.kind === 'misread') ? 1 : 0;
        seen.directive += doc.lines.some((l) => l.kind === 'directive') ? 1 : 0;
      }
      // The generator really produced the shapes the property is about.
      for (const [shape, count] of Object.entries(seen)) {
        if (shape === 'misread' && dialect === 'python') expect(count).toBe(0);
        else expect(count, shape).toBeGreaterThan(RUNS / 50);
      }
    });
  }
});

describe('bytes round trip: encodeConfigText(decodeConfigBytes(b)) equals b', () => {
  it('holds for random byte arrays, valid UTF-8 or not', () => {
    const r = makeRng(3);
    const seen = { utf8: 0, latin1: 0 };
    for (let i = 0; i < RUNS; i++) {
      const bytes = generateBytes(r);
      const { text, encoding } = decodeConfigBytes(bytes);
      seen[encoding]++;
      const back = encodeConfigText(printConfig(parseConfig(text, { encoding })), encoding);
      if (!Buffer.from(bytes).equals(back)) expect.fail(`run ${i}: ${Buffer.from(bytes).toString('hex')}`);
    }
    expect(seen.utf8).toBeGreaterThan(RUNS / 10);
    expect(seen.latin1).toBeGreaterThan(RUNS / 10);
  });

  it('valid UTF-8 (with or without BOM) decodes as UTF-8; anything else as latin-1, one character per byte', () => {
    expect(decodeConfigBytes(Buffer.from('caf\u00e9 \u20ac', 'utf8'))).toEqual({ text: 'caf\u00e9 \u20ac', encoding: 'utf8' });
    expect(decodeConfigBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: '\ufeffa', encoding: 'utf8' });
    expect(decodeConfigBytes(Uint8Array.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]))).toEqual({ text: '# caf\u00e9\n', encoding: 'latin1' });
    // Overlong and surrogate encodings are not valid UTF-8.
    expect(decodeConfigBytes(Uint8Array.from([0xc0, 0xaf])).encoding).toBe('latin1');
    expect(decodeConfigBytes(Uint8Array.from([0xed, 0xa0, 0x80])).encoding).toBe('latin1');
    // A view into a larger buffer decodes only its own bytes.
    const big = Buffer.from('xx\u00e9yy', 'latin1');
    expect(decodeConfigBytes(big.subarray(2, 3))).toEqual({ text: '\u00e9', encoding: 'latin1' });
  });

  it('canEncode: latin-1 text cannot take characters above U+00FF', () => {
    expect(canEncode('\u00ff', 'latin1')).toBe(true);
    expect(canEncode('\u20ac', 'latin1')).toBe(false);
    expect(canEncode('\u20ac', 'utf8')).toBe(true);
  });
});
