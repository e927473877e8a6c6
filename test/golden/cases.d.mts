import type { TranslateOptions } from '../../src/types.js';

export interface GoldenCase {
  name: string;
  zarafaDir: string;
  kopanoDir: string;
  diffFile: string;
  reportFile: string;
  options: TranslateOptions;
}

export function goldenCases(root: string): GoldenCase[];
export function listFiles(dir: string): string[];
