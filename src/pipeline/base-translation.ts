import type { IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { parseConfig } from '../cfg/parse.js';
import { getOptionTable, tableVersionOf, type DaemonFile, type OptionTable } from '../options/index.js';
import type { FileTranslation, TranslateOptions } from '../types.js';
import { withoutDefaultLines } from '../5-merge/zcp-base.js';
import { translateFile, type FileContextOptions } from './translate-config.js';

/**
 * What the merge compares the user's translation with: the same file with every line that only
 * restates a ZCP default commented out, translated the same way. A value that differs between the
 * two was the user's choice; one that does not came from a default.
 */
export function baseTranslation(
  path: string,
  daemon: DaemonFile,
  options: TranslateOptions & FileContextOptions,
  doc: ConfigDocument,
): FileTranslation {
  const table = getOptionTable(daemon, tableVersionOf(options.source ?? '7.2'));
  return translateFile(withoutDefaultLines(doc, table), path, {
    ...options,
    daemon,
    ...(options.resolveInclude ? { resolveInclude: withoutDefaultsResolver(options.resolveInclude, table) } : {}),
  }).translation;
}

/**
 * The included files as the base translation must see them: default-only lines commented out too,
 * so `mysql_database = zarafa` kept in an included file still counts as relying on the ZCP default.
 */
function withoutDefaultsResolver(resolve: IncludeResolver, table: OptionTable | undefined): IncludeResolver {
  const stripped = new Map<ConfigDocument, ConfigDocument>();
  return (directive, from) => {
    const doc = resolve(directive, from);
    if (!doc) return undefined;
    let s = stripped.get(doc);
    if (!s) {
      s = parseConfig(withoutDefaultLines(doc, table), { file: doc.file, dialect: doc.dialect, encoding: doc.encoding ?? 'utf8' });
      stripped.set(doc, s);
    }
    return s;
  };
}
