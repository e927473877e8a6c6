import type { TranslateOptions } from '../../src/types.js';

export interface GoldenCase {
  name: string;
  zarafaDir: string;
  kopanoDir: string;
  diffFile: string;
  reportFile: string;
  /** The runbook as Markdown and as a shell script (--runbook FILE.md / FILE.sh). */
  runbookMd: string;
  runbookSh: string;
  options: TranslateOptions;
}

export const VARIANT_TARGETS: readonly string[];
export function goldenCases(root: string): GoldenCase[];
export function listFiles(dir: string): string[];
