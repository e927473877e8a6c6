import { action, finding, setValue, type RuleStep } from '../rule-steps.js';
import { lookupOption } from '../../options/index.js';
import { pinSetting } from './data/pin.js';
import { cppBool, cppInteger, formatSize, pythonBool, pythonSize } from './data/values.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'search-index';
const KOPANO_INDEX = '/var/lib/kopano/search/';

/**
 * ZCP 7.0/7.1 searched with a C++ indexer (CLucene and Kyoto Cabinet files); ZCP 7.2 and Kopano
 * use the Python kopano-search on xapian. A 7.1 index is useless to Kopano, a 7.2 one has Kopano's
 * layout. The Python reader is also stricter than the C++ one, so C++-era values are re-spelled.
 */
export const searchIndexRule: Rule = {
  id: ID,
  title: 'Search index: new index for 7.0/7.1, keep the 7.2 index; values the Python reader accepts',
  why: 'kopano-search keeps a xapian database per store under index_path. It cannot read the CLucene/Kyoto Cabinet index of ZCP 7.0/7.1, and it dies on values its Python reader rejects: a size without a unit, a capitalised boolean, a non-numeric log_timestamp or an unknown log_level.',
  guide: 'For ZCP 7.1 and older, let kopano-search build a new index; for ZCP 7.2, reuse the index directory. Check search.cfg values against the Python syntax.',
  files: ['search.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    const cppSource = ctx.doc.dialect === 'cpp';
    yield* indexPath(ctx, cppSource);
    if (ctx.targetTable?.dialect === 'python') yield* pythonValues(ctx, cppSource);
  },
};

function* indexPath(ctx: RuleContext, cppSource: boolean): Generator<RuleStep> {
  const line = ctx.plan.lineOf('index_path');
  const eff = ctx.effective.get('index_path');
  const { user, group } = ctx.options.runAs;
  if (cppSource) {
    const old = line?.value ?? eff?.value ?? '/var/lib/zarafa/index/';
    if (line && trimSlash(ctx.plan.valueOf('index_path')!) !== trimSlash(KOPANO_INDEX)) {
      yield setValue(line.number, KOPANO_INDEX, `the ZCP ${ctx.options.source} index in ${old} cannot be read by kopano-search; a new one is built`);
    } else if (!line && !ctx.included && eff?.origin.kind !== 'file') {
      // Written even though it is Kopano's default: without it the output reads like a ZCP 7.2
      // file relying on 7.2's default /var/lib/zarafa/search/, and a second run would pin that.
      yield* pinSetting(ctx, 'index_path', KOPANO_INDEX, ['index_path'],
        `the ZCP ${ctx.options.source} index in ${old} cannot be read by kopano-search; a new one is built in ${KOPANO_INDEX}`);
    }
    if (ctx.included || trimSlash(old) === trimSlash(KOPANO_INDEX)) return;
    yield action({
      id: 'search:rebuild',
      reason: `The ZCP ${ctx.options.source} search index (CLucene/Kyoto Cabinet) cannot be used by kopano-search (xapian). Started with an empty ${KOPANO_INDEX}, kopano-search indexes every store; ${old} can be deleted afterwards.`,
      command: `install -d -o ${user} -g ${group} ${KOPANO_INDEX} && systemctl start kopano-search`,
      paths: [KOPANO_INDEX, old],
    });
    return;
  }
  // ZCP 7.2: the index is reusable where it is.
  let path: string | undefined;
  if (line) {
    path = line.value;
    if (ctx.plan.valueOf('index_path') !== line.value) {
      yield setValue(line.number, line.value, 'the ZCP 7.2 index has the layout kopano-search uses and stays where it is');
    }
  } else if (!ctx.included && eff?.origin.kind === 'default') {
    path = eff.value;
    if (trimSlash(path) !== trimSlash(KOPANO_INDEX)) {
      yield* pinSetting(ctx, 'index_path', path, ['index_path'],
        `ZCP 7.2 kept its index in the default ${path}; it has the layout kopano-search uses, so it is reused there`);
    }
  }
  if (path === undefined || ctx.included) return;
  yield action({
    id: 'owner:search-index',
    reason: `kopano-search runs as ${user} and must own the index it updates.`,
    command: `chown -R ${user}:${group} ${path}`,
    paths: [path],
  });
  if (trimSlash(path) !== trimSlash(KOPANO_INDEX)) {
    yield action({
      id: 'search:move-index',
      reason: `Optional: to keep the index under /var/lib/kopano, move ${path} to ${KOPANO_INDEX} while the search service is stopped and set index_path to it.`,
      command: `mv ${trimSlash(path)} ${trimSlash(KOPANO_INDEX)}`,
      paths: [path, KOPANO_INDEX],
    });
  }
}

/** Re-spell values the Python reader would reject, keeping what the old reader made of them. */
function* pythonValues(ctx: RuleContext, cppSource: boolean): Generator<RuleStep> {
  // Each step changes only its own line, so the lazy walk sees what a list taken now would.
  for (const { line, key, value } of ctx.plan.settings()) {
    const spec = ctx.targetTable && lookupOption(ctx.targetTable, key);
    if (!spec || spec.flags.includes('IGNORED')) continue;
    let next: string | undefined = value;
    if (key === 'log_timestamp') {
      if (value !== '0' && value !== '1') next = boolOf(value, cppSource) ? '1' : '0';
    } else if (key === 'log_level') {
      if (!spec.allowedValues?.includes(value)) {
        const n = /^\s*(\d+)/.exec(value);
        next = String(Math.min(6, n ? Number(n[1]) : 0));
      }
    } else if (spec.type === 'size') {
      // ZCP 7.0's indexer counted index_attachment_max_size in kilobytes.
      const unit = ctx.options.source === '7.0' && key === 'index_attachment_max_size' ? 1024 : 1;
      // Not a size at all: an integer to ZCP 7.0, where atoi took the leading digits, or 0 for none.
      next = pythonSize(value, unit)
        ?? (ctx.sourceTable?.options.get(line.key)?.type === 'integer' ? formatSize(Math.max(0, cppInteger(value) ?? 0) * unit) : undefined);
      // Not a size to ZCP either: value-syntax comments it out and says so.
      if (next === undefined) continue;
    } else if (spec.type === 'boolean' && pythonBool(value) === undefined) {
      const meant = boolOf(value, cppSource);
      // Lowercasing is enough where it keeps the meaning (`Yes`, `FALSE` from 7.2).
      next = pythonBool(value.toLowerCase()) === meant ? value.toLowerCase() : meant ? 'yes' : 'no';
      if (cppSource && meant && pythonBool(value.toLowerCase()) === false) {
        yield finding('SEARCH_BOOLEAN_READ_AS_TRUE', 'warning', line.number,
          `ZCP's C++ reader took ${key} = ${value} as true (only exactly "no", "false" or "0" are false); it is written as "yes" — set "no" if that was meant`);
      }
    }
    if (next !== value) yield setValue(line.number, next, `kopano-search's Python reader does not accept ${JSON.stringify(value)} for ${key}`);
  }
}

/** What a boolean meant to the ZCP reader of this file. */
function boolOf(value: string, cppSource: boolean): boolean {
  if (cppSource) return cppBool(value);
  return pythonBool(value.toLowerCase()) ?? cppBool(value);
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, '');
}
