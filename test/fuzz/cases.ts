/**
 * Seeded fuzz cases and the properties they must keep. One seed gives one case, so a failure is
 * reproduced by its seed alone; the same code serves the quick run in `npm test` and the long
 * `npm run fuzz`.
 */
import { decodeConfigBytes } from '../../src/cfg/bytes.js';
import { parseConfig } from '../../src/cfg/parse.js';
import { DAEMON_FILES, daemonFileOf, dialectOf, getOptionTable, validateConfig } from '../../src/options/index.js';
import type { OptionSpec } from '../../src/options/index.js';
import { targetPathOf } from '../../src/pipeline/translate-config.js';
import { translateConfig } from '../../src/api/translate-config.js';
import type { SourceFamily, Target } from '../../src/types.js';
import { generateBytes, generateConfigText, makeRng, type Rng } from '../helpers/generate.js';

/** Every name a daemon reads by, the 7.0 and LDAP-flavour aliases, and a file no daemon reads. */
export const FILE_NAMES: readonly string[] = [...DAEMON_FILES, 'indexer.cfg', 'ldap.openldap.cfg', 'site.cfg'];
export const TARGETS: readonly Target[] = ['8.0', '8.7'];
export const SOURCES: readonly SourceFamily[] = ['7.0', '7.1', '7.2'];

export interface FuzzCase {
  seed: number;
  file: string;
  source: SourceFamily;
  target: Target;
  text: string;
}

/** Arbitrary input: half random bytes (decoded as the directory layer decodes files), half cfg-shaped text. */
export function arbitraryCase(seed: number): FuzzCase {
  const r = makeRng(seed);
  const file = r.pick(FILE_NAMES);
  const source = r.pick(SOURCES);
  const target = r.pick(TARGETS);
  const text = r.chance(0.5)
    ? decodeConfigBytes(generateBytes(r, r.chance(0.1) ? 2000 : 300)).text
    : generateConfigText(r, { maxLines: 16 });
  return { seed, file, source, target, text };
}

/** Never throws: parse, validate (against the source and the target table) and translate. */
export function checkNoThrow(c: FuzzCase): string | undefined {
  const step = { name: 'parseConfig' };
  try {
    const daemon = daemonFileOf(c.file);
    const doc = parseConfig(c.text, { file: c.file, dialect: daemon ? dialectOf(daemon, c.source) : 'cpp' });
    step.name = 'validateConfig (source)';
    validateConfig(doc, c.file, c.source);
    step.name = 'validateConfig (target)';
    validateConfig(parseConfig(c.text, { file: c.file, dialect: daemon ? dialectOf(daemon, c.target) : 'cpp' }), c.file, c.target);
    step.name = 'translateConfig';
    const r = translateConfig(c.text, c.file, { source: c.source, target: c.target });
    // A plan the reader would not read back is reported, not thrown, since; it is the same bug.
    const failed = r.diagnostics.find((d) => d.code === 'RULE_EDIT_FAILED');
    return failed ? `translateConfig reports RULE_EDIT_FAILED: ${failed.message}` : undefined;
  } catch (e) {
    return `${step.name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Valid configs: only options the source daemon knows, with values it accepts.

const WORDS = ['zarafa', 'kopano', 'mail', 'example', 'admin', 'x', 'localhost', 'caf\u00e9'];
const ZARAFA_PATHS = [
  '/var/lib/zarafa', '/var/log/zarafa/server.log', '/etc/zarafa/ssl/server.pem', '/usr/lib/zarafa',
  '/var/run/zarafa', '/var/run/zarafa-search', '/var/lib/zarafa/attachments', '/etc/zarafa/userscripts/createuser',
  '/usr/share/zarafa-dagent/python', '/tmp', '-', 'syslog', '/srv/mail',
];
const SOCKETS = ['file:///var/run/zarafa', 'http://localhost:236/zarafa', 'https://mail.example.com:237/zarafa', 'file:///var/run/zarafa-prio', 'default:'];

function typedValue(r: Rng, spec: OptionSpec): string {
  switch (spec.type) {
    case 'boolean': return r.pick(['yes', 'no', 'true', 'false']);
    case 'yes-switch': return r.pick(['yes', 'no']);
    // Levels run 0-6 in every release; other integers are counts, sizes and timeouts.
    case 'integer': return String(spec.name.endsWith('level') ? r.int(7) : r.int(r.chance(0.5) ? 10 : 100000));
    case 'size': return `${1 + r.int(512)}${r.pick(['M', 'G', 'K', 'm', ''])}`;
    case 'path': return r.pick(ZARAFA_PATHS);
    case 'socket': return r.pick(SOCKETS);
    case 'enum': return spec.allowedValues && spec.allowedValues.length > 0 ? r.pick(spec.allowedValues) : spec.default ?? '';
    case 'list': return Array.from({ length: 1 + r.int(3) }, () => r.pick(WORDS)).join(' ');
    case 'secret': return r.pick(['secret', 'p#ss;word=1', 'Zx9!']);
    case 'string': return r.pick(WORDS);
  }
}

/**
 * Spellings a lenient reader takes but a strict one may not: empty, other case, trailing text, a
 * number where a word is expected. Lines the source daemon rejects are dropped later, so only the
 * ones a working ZCP config can hold stay.
 */
function oddValue(r: Rng, usual: string): string {
  switch (r.int(5)) {
    case 0: return '';
    case 1: return usual.toUpperCase();
    case 2: return `${usual} x`;
    case 3: return String(r.int(10));
    default: return r.pick(['On', 'off', 'stderr', '-1', ' ']).trim();
  }
}

function valueFor(r: Rng, spec: OptionSpec, odd = true): string {
  const known = [spec.default, spec.sample, ...(spec.allowedValues ?? [])].filter((v): v is string => v !== undefined);
  const usual = known.length > 0 && r.chance(0.6) ? r.pick(known) : typedValue(r, spec);
  return odd && r.chance(0.1) ? oddValue(r, usual) : usual;
}

const SEPARATORS = [' = ', '=', '\t=\t', ' =', '= '];

/**
 * Translation gaps found by this fuzzer and reported to the rule owners: the generator leaves
 * these keys out so the run can look for new problems, and fuzz/known-gaps.test.ts checks that
 * each example still fails, so an entry is removed as soon as its rule is fixed.
 */
export const KNOWN_GAPS: readonly { daemon: string; sources: readonly SourceFamily[]; key: string; why: string; example: FuzzCase }[] = [];

function isKnownGap(daemon: string, source: SourceFamily, key: string): boolean {
  return KNOWN_GAPS.some((g) => g.daemon === daemon && g.sources.includes(source) && g.key === key);
}

/**
 * A config the source daemon accepts: known options with plausible values, comments and blank
 * lines in between, LF or CRLF. Lines the source table's validation rejects are dropped, so the
 * result validates against the source without errors. Undefined for daemons the source release did not have.
 */
export function validCase(seed: number): FuzzCase | undefined {
  const r = makeRng(seed);
  const file = r.pick(FILE_NAMES.filter((f) => daemonFileOf(f) !== undefined));
  const source = r.pick(SOURCES);
  const target = r.pick(TARGETS);
  const daemon = daemonFileOf(file)!;
  const table = getOptionTable(daemon, source);
  if (!table || table.options.size === 0) return undefined;
  const specs = [...table.options.values()].filter((s) => !s.aliasOf);
  const eol = r.chance(0.8) ? '\n' : '\r\n';
  const lines: string[] = [];
  if (r.chance(0.5)) lines.push(`# ${daemon} for ZCP ${source}`);
  // Options the Python daemon cannot start without: a working config sets them (the sample files do).
  const targetTable = getOptionTable(daemon, target);
  for (const spec of targetTable?.options.values() ?? []) {
    if (spec.flags.includes('MANDATORY') && !isKnownGap(daemon, source, spec.name)) {
      // Plain values: a mandatory line the source rejects would be dropped, leaving a config that is not working.
      lines.push(`${spec.name}${r.pick(SEPARATORS)}${valueFor(r, table.options.get(spec.name) ?? spec, false)}`);
    }
  }
  for (let i = 1 + r.int(14); i > 0; i--) {
    const spec = r.pick(specs);
    if (isKnownGap(daemon, source, spec.name)) continue;
    if (r.chance(0.15)) lines.push('');
    if (r.chance(0.15)) lines.push(`# ${spec.name} = ${valueFor(r, spec)}`);
    lines.push(`${spec.name}${r.pick(SEPARATORS)}${valueFor(r, spec)}`);
  }
  let text = lines.join(eol) + (r.chance(0.9) ? eol : '');
  // Drop what the source daemon itself would reject: the property is about translating working configs.
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = parseConfig(text, { file, dialect: dialectOf(daemon, source) });
    const bad = new Set(validateConfig(doc, file, source).filter((d) => d.severity === 'error').map((d) => d.line));
    if (bad.size === 0) return { seed, file, source, target, text };
    if (bad.has(undefined)) return undefined; // a whole-file error (a mandatory option missing): not a working config
    text = text.split(eol).filter((_, i) => !bad.has(i + 1)).join(eol);
  }
  return undefined;
}

/** True when the source daemon accepts the text: no error against the source table. */
export function worksWithSource(c: FuzzCase): boolean {
  const daemon = daemonFileOf(c.file);
  if (!daemon) return false;
  const doc = parseConfig(c.text, { file: c.file, dialect: dialectOf(daemon, c.source) });
  return !validateConfig(doc, c.file, c.source).some((d) => d.severity === 'error');
}

/**
 * On a working config: the output validates against the target table without errors, and
 * translating the output again plans no change at all (idempotence), whether the second run
 * assumes the same ZCP family or 7.2.
 */
export function checkValidOutput(c: FuzzCase): string | undefined {
  try {
    // The precondition, checked here too so that shrinking keeps to working configs.
    if (!worksWithSource(c)) return undefined;
    const options = { source: c.source, target: c.target, showSecrets: true };
    const first = translateConfig(c.text, c.file, options);
    const daemon = daemonFileOf(c.file)!;
    const targetFile = targetPathOf(c.file);
    const outDoc = parseConfig(first.output, { file: targetFile, dialect: dialectOf(daemon, c.target) });
    const errors = validateConfig(outDoc, targetFile, c.target).filter((d) => d.severity === 'error');
    if (errors.length > 0) return `output fails validateConfig for ${c.target}: ${errors.map((d) => `${d.code} line ${d.line ?? '-'}`).join(', ')}`;
    const flagged = first.diagnostics.filter((d) => d.code.startsWith('OUTPUT_') || d.code === 'RULE_EDIT_FAILED');
    if (flagged.length > 0) return `translateConfig reports ${flagged.map((d) => d.code).join(', ')}`;
    // Again with the same family, and as 7.2 (what detectSourceVersion makes of Kopano files).
    for (const source of new Set([c.source, '7.2' as const])) {
      const second = translateConfig(first.output, targetFile, { ...options, source });
      if (second.changes.length > 0 || second.output !== first.output) {
        return `not idempotent (second run as ${source}): it changes ${second.changes.map((ch) => `${ch.rule}:${ch.key ?? '-'}`).join(', ') || 'the text'}`;
      }
    }
    return undefined;
  } catch (e) {
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Shrinking: the smallest text that still fails the same way, so a report is readable.

/** The failure's kind, without the details that change as the input shrinks. */
function kindOf(failure: string): string {
  return failure.replace(/line \d+|\d+/g, 'N').slice(0, 60);
}

/** Drop lines, then characters, while `check` keeps failing the same way. Bounded work. */
export function shrink(c: FuzzCase, check: (c: FuzzCase) => string | undefined): { case: FuzzCase; failure: string } {
  const first = check(c);
  if (first === undefined) throw new Error('shrink: the case does not fail');
  const kind = kindOf(first);
  let best = c;
  let failure = first;
  let budget = 4000;
  const tryText = (text: string): boolean => {
    if (budget-- <= 0) return false;
    const f = check({ ...best, text });
    if (f === undefined || kindOf(f) !== kind) return false;
    best = { ...best, text };
    failure = f;
    return true;
  };
  // Lines (keeping line ends attached), then single characters.
  for (let changed = true; changed && budget > 0;) {
    changed = false;
    const lines = best.text.split(/(?<=\n)/);
    for (let i = 0; i < lines.length && budget > 0; i++) {
      if (tryText([...lines.slice(0, i), ...lines.slice(i + 1)].join(''))) {
        changed = true;
        break;
      }
    }
  }
  for (let i = 0; i < best.text.length && budget > 0;) {
    if (!tryText(best.text.slice(0, i) + best.text.slice(i + 1))) i++;
  }
  return { case: best, failure };
}

export interface FuzzFailure {
  seed: number;
  file: string;
  source: SourceFamily;
  target: Target;
  failure: string;
  /** The shrunk input, JSON-quoted so CR, tabs and odd characters show. */
  input: string;
}

export interface FuzzRun {
  cases: number;
  failures: FuzzFailure[];
}

/**
 * Run `count` seeds from `firstSeed`. Distinct failure kinds are shrunk and kept (at most
 * `maxFailures`); the run goes on so one bug does not hide another.
 */
export function runFuzz(
  make: (seed: number) => FuzzCase | undefined,
  check: (c: FuzzCase) => string | undefined,
  firstSeed: number,
  count: number,
  maxFailures = 8,
): FuzzRun {
  const failures: FuzzFailure[] = [];
  const kinds = new Set<string>();
  let cases = 0;
  for (let seed = firstSeed; cases < count; seed++) {
    const c = make(seed);
    if (!c) continue;
    cases++;
    const f = check(c);
    if (f === undefined || kinds.has(kindOf(f)) || failures.length >= maxFailures) continue;
    kinds.add(kindOf(f));
    const small = shrink(c, check);
    failures.push({ seed, file: c.file, source: c.source, target: c.target, failure: small.failure, input: JSON.stringify(small.case.text) });
  }
  return { cases, failures };
}

/** One line per failure, enough to reproduce it in a unit test. */
export function describeFailures(run: FuzzRun): string {
  return run.failures.map((f) => `seed ${f.seed} ${f.file} ${f.source}→${f.target}: ${f.failure}\n    input ${f.input}`).join('\n');
}
