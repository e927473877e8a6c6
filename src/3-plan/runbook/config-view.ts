import type { IncludeResolver } from '../../cfg/effective.js';
import type { ConfigDocument } from '../../cfg/model.js';
import { parseConfig } from '../../cfg/parse.js';
import { daemonFileOf, dialectOf, effectiveConfig, type DaemonFile, type EffectiveValue, type TableVersion } from '../../options/index.js';
import type { FileTranslation } from '../../types.js';

/** One daemon's configuration as ZCP read it (input) and as Kopano will read it (output). */
export interface DaemonView {
  daemon: DaemonFile;
  /** The file as named in the input directory. */
  file: string;
  before: ReadonlyMap<string, EffectiveValue>;
  after: ReadonlyMap<string, EffectiveValue>;
}

/**
 * The effective settings of every top-level daemon file, before and after the translation. An
 * `!include` is followed to the file of the same name in the set (the directory translation has
 * judged the includes already; a target outside the set is simply not read here).
 */
export function daemonViews(files: readonly FileTranslation[], source: TableVersion, target: TableVersion): DaemonView[] {
  const included = new Set<string>();
  const side = (which: 'input' | 'output', version: TableVersion) => {
    const docs = new Map<string, ConfigDocument>();
    const parse = (f: FileTranslation, daemon: DaemonFile): ConfigDocument => {
      const key = `${f.source}\u0000${daemon}`;
      let doc = docs.get(key);
      if (!doc) {
        doc = parseConfig(f[which], { file: f.source, dialect: dialectOf(daemon, version), diagnostics: false });
        docs.set(key, doc);
      }
      return doc;
    };
    const byBase = new Map(files.map((f) => [baseName(f.source), f]));
    const resolverFor = (daemon: DaemonFile): IncludeResolver => (directive) => {
      const f = byBase.get(baseName(directive.arg));
      if (!f) return undefined;
      included.add(f.source);
      return parse(f, daemon);
    };
    return (f: FileTranslation, daemon: DaemonFile) => effectiveConfig(parse(f, daemon), daemon, version, resolverFor(daemon));
  };
  const before = side('input', source);
  const after = side('output', target);
  const views: DaemonView[] = [];
  for (const f of files) {
    const daemon = daemonFileOf(f.source) ?? daemonFileOf(f.target);
    if (!daemon) continue;
    views.push({ daemon, file: f.source, before: before(f, daemon), after: after(f, daemon) });
  }
  // A file only read through another's !include is part of that daemon's view, not a daemon of its own.
  return views.filter((v) => !included.has(v.file) || !views.some((o) => o !== v && o.daemon === v.daemon));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A boolean as the 8.x readers take it. */
export function isOn(value: string | undefined): boolean {
  return value !== undefined && /^(yes|true|on|1)$/i.test(value.trim());
}

export function valueOf(view: ReadonlyMap<string, EffectiveValue>, key: string): string | undefined {
  return view.get(key)?.value;
}

/** The `from` of a step: the file and line a value was set at, or the file whose default it is. */
export function fromOf(view: DaemonView, key: string, which: 'before' | 'after' = 'before'): { file: string; line?: number; key: string } {
  const e = view[which].get(key);
  if (e?.origin.kind === 'file') return { file: e.origin.file, line: e.origin.line, key };
  return { file: view.file, key };
}
