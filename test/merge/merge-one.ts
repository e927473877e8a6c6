// One Zarafa file merged into one Kopano file, the way the pipeline does it: translate first
// (plan + emit), then merge from those results.
import { parseConfig } from '../../src/cfg/parse.js';
import { daemonFileOf, dialectOf, tableVersionOf, getOptionTable } from '../../src/options/index.js';
import { mergeConfig, type MergeConfigOptions } from '../../src/5-merge/merge-config.js';
import { baseTranslation } from '../../src/pipeline/base-translation.js';
import { resolveOptions, translateFile } from '../../src/pipeline/translate-config.js';
import type { FileTranslation } from '../../src/types.js';

export function mergeOne(kopanoText: string, kopanoFile: string, zarafaText: string, zarafaFile: string, options: MergeConfigOptions = {}): FileTranslation {
  const opts = resolveOptions(options);
  const daemon = options.daemon ?? daemonFileOf(kopanoFile) ?? daemonFileOf(zarafaFile);
  if (!daemon || !getOptionTable(daemon, opts.target)) {
    const none = translateFile(zarafaText, zarafaFile, options);
    return mergeConfig(kopanoText, kopanoFile, zarafaText, zarafaFile, { translation: none, base: none.translation }, options);
  }
  const context = { ...options, ...opts, daemon };
  const doc = parseConfig(zarafaText, { file: zarafaFile, dialect: dialectOf(daemon, tableVersionOf(opts.source)) });
  const translation = translateFile(zarafaText, zarafaFile, context, doc);
  const base = baseTranslation(zarafaFile, daemon, context, doc);
  return mergeConfig(kopanoText, kopanoFile, zarafaText, zarafaFile, { translation, base }, options);
}
