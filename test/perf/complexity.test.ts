import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/4-emit/unified-diff.js';
import { translateConfig } from '../../src/api/translate-config.js';
import { generateServerCfg } from '../bench/generate.mjs';

/*
 * Complexity regression tests: each compares the cost of an input with the cost of 10x that input.
 * Linear work gives about 10x, quadratic about 100x; the bar is 30x, so machine speed and load
 * (which hit both sizes alike) do not matter, only a change in growth does. Absolute times are
 * never checked. Inputs start at 1,000+ lines: below that a run fits in the CPU caches and the
 * young generation and costs several times less per line, which would look like superlinear growth.
 */
const MAX_RATIO = 30;

// A full collection before each timed run, so no run pays for garbage left by another (or by the
// test runner, whose heap is much bigger than these inputs).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** CPU time of one call in ms: unlike wall time it does not count the time other processes run. */
function cpuTime(fn: () => void): number {
  collect();
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Cost of `large` over cost of `small`: both warmed up first (so the JIT has compiled the same
 * paths), then timed alternately. The median small run over the fastest large run: a lucky fast
 * small run cannot fake a failure.
 */
function growth(small: () => void, large: () => void): number {
  small();
  small();
  large();
  const s: number[] = [];
  let l = Infinity;
  for (let round = 0; round < 2; round++) {
    s.push(cpuTime(small), cpuTime(small));
    l = Math.min(l, cpuTime(large));
  }
  s.sort((a, b) => a - b);
  return l / Math.max((s[1]! + s[2]!) / 2, 0.05);
}

/** Lines where a small alphabet makes nearly every line repeat: no unique line to anchor on. */
function repetitive(lines: number, seed: number, changeEvery: number): string {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(i % changeEvery === 0 ? `key${s % 7} = changed` : `key${i % 5} = value`);
  }
  return `${out.join('\n')}\n`;
}

describe('complexity', () => {
  it('translateConfig grows linearly with the file (about 10% of lines edited)', () => {
    const small = generateServerCfg(1000);
    const large = generateServerCfg(10000);
    const ratio = growth(() => translateConfig(small, 'server.cfg'), () => translateConfig(large, 'server.cfg'));
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('unifiedDiff grows linearly when 10% of lines change', () => {
    const pair = (n: number): [string, string] => {
      const before = generateServerCfg(n);
      const after = before
        .replace(/\/(etc|var\/log|usr\/lib)\/zarafa/g, '/$1/kopano')
        .replace(/^enable_hosted_zarafa/gm, '# zarafa2kopano: renamed\n#enable_hosted_zarafa');
      return [before, after];
    };
    const [s0, s1] = pair(2000);
    const [l0, l1] = pair(20000);
    const ratio = growth(() => unifiedDiff('s', 's', s0, s1), () => unifiedDiff('s', 's', l0, l1));
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('unifiedDiff stays linear on repetitive text with scattered changes (no unique lines to anchor on)', () => {
    const s0 = repetitive(3000, 1, 1_000_000);
    const s1 = repetitive(3000, 2, 3);
    const l0 = repetitive(30000, 1, 1_000_000);
    const l1 = repetitive(30000, 2, 3);
    const ratio = growth(() => unifiedDiff('s', 's', s0, s1), () => unifiedDiff('s', 's', l0, l1));
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});
