import type { TranslateOptions } from '../../src/types.js';

export interface HostGoldenCase {
  name: string;
  /** The host's root (fixtures/host/<name>/root). */
  root: string;
  /** What --out writes, mirroring the root. */
  outDir: string;
  diffFile: string;
  reportFile: string;
  runbookMd: string;
  options: TranslateOptions;
}

export function hostCases(repo: string): HostGoldenCase[];
