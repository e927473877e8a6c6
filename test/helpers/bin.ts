/**
 * The file users run: package.json's `bin`, the CLI bundled by esbuild in `npm run build`
 * (scripts/build-bin.mjs). Tests that spawn the CLI run this, so the bundle is what they check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

export const BIN = path.join(ROOT, pkg.bin['zarafa2kopano']!);

/** The unbundled entry tsc emits (dist/cli.js): the bundle must behave exactly like it. */
export const UNBUNDLED_CLI = path.join(ROOT, 'dist', 'cli.js');
