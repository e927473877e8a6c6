import type { TranslateOptions } from '../../src/types.js';

export interface GoldenCase {
  name: string;
  zarafaDir: string;
  kopanoDir: string;
  diffFile: string;
  /** The report as a terminal shows it, and with --verbose. */
  reportFile: string;
  reportVerboseFile: string;
  /** The runbook as Markdown and as a shell script (--runbook FILE.md / FILE.sh). */
  runbookMd: string;
  runbookSh: string;
  /** What the shell runbook prints with --dry-run --family apt, for --all and for --rollback. */
  runbookDryRun: string;
  options: TranslateOptions;
}

export const VARIANT_TARGETS: readonly string[];
export function goldenCases(root: string): GoldenCase[];
export function listFiles(dir: string): string[];
export function dryRunText(script: string): string;
