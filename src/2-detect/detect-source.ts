import { commentedSettingOf, type ConfigDocument, type Dialect } from '../cfg/model.js';
import type { SourceFamily } from '../types.js';
import { daemonFileOf } from '../options/files.js';
import { knowsOption, optionNamesWhere, usesOption } from '../options/table.js';
import type { DaemonFile } from '../options/types.js';
import { validateConfig } from '../options/validate.js';

/** What a configuration directory says about the ZCP release it was written for. */
export interface SourceDetection {
  /** The family the evidence points to; undefined when nothing leans either way. */
  family: SourceFamily | undefined;
  /** True when more than one family fits the evidence equally well. */
  ambiguous: boolean;
  /** The families that fit best (one when not ambiguous). */
  candidates: SourceFamily[];
  /** Reader of the search daemon's file, when there is one. */
  searchDialect?: Dialect;
  /** Where pid files and sockets live: /var/run/zarafa-* (up to 7.2.1) or /var/run/zarafad/ (7.2.2 on). */
  socketLayout?: 'var-run-zarafa' | 'var-run-zarafad';
  /** One sentence per finding for the chosen family (all findings when none is chosen). */
  evidence: string[];
  /** The findings against the chosen family (empty when none is chosen). */
  against: string[];
  /**
   * Files whose own evidence points elsewhere than the family chosen, one sentence each, e.g.
   * "ldap.cfg fits 7.2, but server.cfg and search.cfg fit 7.1".
   */
  conflicts: string[];
  /**
   * The families the evidence does not firmly tell apart (the chosen one first among them): more
   * than one when only weak evidence (absence, commented-out lines, a tie) separates them.
   */
  undecided: SourceFamily[];
}

const FAMILIES: readonly SourceFamily[] = ['7.0', '7.1', '7.2'];

/** Points against a family: an active setting it would reject weighs more than a commented one. */
const ACTIVE = 3;
const COMMENTED = 1;
const FILE_NAME = 10;

/**
 * Detects the ZCP family (7.0, 7.1, 7.2) of a directory of config files. `docs` maps file names
 * (relative to the directory) to their parsed documents. Each option set (or shown commented out)
 * that some families' tables know and others do not counts against the others; file names count
 * too (indexer.cfg is 7.0's, search.cfg 7.1's or later, presence.cfg 7.2's). When the best families
 * tie, the result is ambiguous and lists them instead of guessing.
 */
export function detectSourceVersion(docs: ReadonlyMap<string, ConfigDocument>): SourceDetection {
  // Points against each family, per file ('' for the directory as a whole), and every finding
  // with the families it counts against.
  const perFile = new Map<string, Map<SourceFamily, number>>();
  const findings: { text: string; blames: readonly SourceFamily[] }[] = [];
  let current = '';
  let lastBlamed: readonly SourceFamily[] = [];
  const blame = (fams: readonly SourceFamily[], weight: number): void => {
    const m = perFile.get(current) ?? new Map<SourceFamily, number>(FAMILIES.map((f) => [f, 0]));
    perFile.set(current, m);
    for (const f of fams) m.set(f, m.get(f)! + weight);
    lastBlamed = fams;
  };
  // Every evidence line follows the blame it explains.
  const evidence = { push: (text: string): void => { findings.push({ text, blames: lastBlamed }); } };
  let searchDialect: Dialect | undefined;
  let zarafad = false;
  let zarafaRun = false;

  for (const [name, doc] of [...docs].sort(([a], [b]) => compareNames(a, b))) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const file = daemonFileOf(base);
    // The PHP extension's file says nothing about the daemons' release: before 7.2.1 nothing read it.
    if (!file || file === 'php-mapi.cfg') continue;
    current = name;
    if (base === 'indexer.cfg') {
      blame(['7.1', '7.2'], FILE_NAME);
      evidence.push(`${name} is the 7.0 name of the search daemon's file (zarafa-indexer)`);
    } else if (file === 'search.cfg') {
      blame(['7.0'], FILE_NAME);
      evidence.push(`${name} exists: the search daemon's file is called search.cfg from 7.1 on`);
    } else if (file === 'presence.cfg') {
      blame(['7.0', '7.1'], FILE_NAME);
      evidence.push(`${name} exists: zarafa-presence ships from 7.2 on`);
    }

    const seen = new Set<string>();
    const keyVotes: { key: string; line: number; weight: number }[] = [];
    for (const line of doc.lines) {
      let key: string | undefined;
      let value: string | undefined;
      let weight = ACTIVE;
      if (line.kind === 'setting') ({ key, value } = line);
      else {
        const c = commentedSettingOf(line);
        if (c) {
          ({ key, value } = c);
          weight = COMMENTED;
        }
      }
      if (key === undefined || value === undefined) continue;
      if (/\/var\/run\/zarafad\//.test(value)) zarafad = true;
      else if (/\/var\/run\/zarafa([-/ ]|$)/.test(value)) zarafaRun = true;
      if (seen.has(key)) continue;
      seen.add(key);
      keyVotes.push({ key, line: line.number, weight });
    }
    // One evidence line per group of keys that the same families know.
    const groups = new Map<string, { knownBy: SourceFamily[]; weight: number; items: string[] }>();
    for (const { key, line, weight } of keyVotes) {
      // A key a family keeps only as UNUSED (7.1 and 7.2 still load 7.0's index_services_*) speaks
      // for the families where it does something.
      const using = FAMILIES.filter((f) => usesOption(file, f, key));
      const knownBy = using.length > 0 ? using : FAMILIES.filter((f) => knows(file, f, key));
      if (knownBy.length === 0 || knownBy.length === FAMILIES.length) continue; // typo or custom, or no signal
      blame(FAMILIES.filter((f) => !knownBy.includes(f)), weight);
      const id = `${knownBy.join()}|${weight}`;
      const g = groups.get(id) ?? { knownBy, weight, items: [] };
      g.items.push(`${key} (line ${line})`);
      groups.set(id, g);
    }
    for (const g of groups.values()) {
      lastBlamed = FAMILIES.filter((f) => !g.knownBy.includes(f));
      const shown = g.items.length > 6 ? [...g.items.slice(0, 6), `${g.items.length - 6} more`] : g.items;
      evidence.push(`${name} ${g.weight === ACTIVE ? 'sets' : 'shows commented out'} ${shown.join(', ')}, known only to ${range(g.knownBy)}`);
    }
    sizeSuffixes(file, name, doc, blame, evidence);
    absence(file, name, keyVotes, blame, evidence);
    if (file === 'search.cfg') {
      searchDialect = searchDialectOf(doc, base, searchDialect);
      const refused = refusedByPythonSearch(doc, name);
      if (refused.length > 0) {
        blame(['7.2'], FILE_NAME);
        searchDialect = 'cpp';
        evidence.push(`${name} holds values ZCP 7.2's Python search reader stops on (${refused.join(', ')}), so it was read by the C++ search of 7.0/7.1`);
      }
    }
  }

  let socketLayout: SourceDetection['socketLayout'];
  current = '';
  if (zarafad) {
    socketLayout = 'var-run-zarafad';
    blame(['7.0', '7.1'], ACTIVE);
    evidence.push('paths under /var/run/zarafad/ are the 7.2.2+ layout');
  } else if (zarafaRun) {
    socketLayout = 'var-run-zarafa';
  }

  const decision = decide(perFile, socketLayout);
  const nothing = findings.length === 0;
  const chosen = nothing ? undefined : decision.family;
  const out: SourceDetection = {
    family: chosen,
    ambiguous: nothing || decision.candidates.length > 1,
    candidates: nothing ? [...FAMILIES] : decision.candidates,
    evidence: findings.filter((f) => chosen === undefined || !f.blames.includes(chosen)).map((f) => f.text),
    against: chosen === undefined ? [] : findings.filter((f) => f.blames.includes(chosen)).map((f) => f.text),
    conflicts: chosen === undefined ? [] : conflictsWith(perFile, chosen, decision.deciding),
    undecided: nothing ? [...FAMILIES] : decision.undecided,
  };
  if (searchDialect) out.searchDialect = searchDialect;
  if (socketLayout) out.socketLayout = socketLayout;
  return out;
}

/**
 * A file with this many options is taken to be a full config, not a hand-picked few lines: only
 * then does the absence of a family's new options count (weakly) against that family.
 */
const FULL_FILE = 30;

/** The files that decide the release where files disagree: the server's and the search daemon's. */
function primary(name: string): boolean {
  const f = daemonFileOf(name.slice(name.lastIndexOf('/') + 1));
  return f === 'server.cfg' || f === 'search.cfg' || f === 'presence.cfg' || name === '';
}

function sum(perFile: ReadonlyMap<string, ReadonlyMap<SourceFamily, number>>, keep: (name: string) => boolean): Map<SourceFamily, number> {
  const total = new Map<SourceFamily, number>(FAMILIES.map((f) => [f, 0]));
  for (const [name, m] of perFile) if (keep(name)) for (const f of FAMILIES) total.set(f, total.get(f)! + m.get(f)!);
  return total;
}

/** The families with the fewest points against them. */
function fittest(m: ReadonlyMap<SourceFamily, number>, among: readonly SourceFamily[] = FAMILIES): SourceFamily[] {
  const best = Math.min(...among.map((f) => m.get(f)!));
  return among.filter((f) => m.get(f) === best);
}

/** True when the points tell some families apart. */
function telling(m: ReadonlyMap<SourceFamily, number>): boolean {
  return new Set(FAMILIES.map((f) => m.get(f))).size > 1;
}

/**
 * The server's and search daemon's files decide first; the other files only choose among the
 * families those leave (or decide alone when those files say nothing). A family is decided when
 * every other is at least one active setting's worth of evidence further off.
 */
function decide(
  perFile: ReadonlyMap<string, ReadonlyMap<SourceFamily, number>>,
  layout: SourceDetection['socketLayout'],
): { family: SourceFamily | undefined; candidates: SourceFamily[]; undecided: SourceFamily[]; deciding: string[] } {
  const first = sum(perFile, primary);
  const rest = sum(perFile, (n) => !primary(n));
  const all = sum(perFile, () => true);
  const useFirst = telling(first);
  const deciding = [...perFile.keys()].filter((n) => n !== '' && (useFirst ? primary(n) : true) && telling(perFile.get(n)!));
  const score = new Map<SourceFamily, number>(FAMILIES.map((f) => [f, useFirst ? first.get(f)! : all.get(f)!]));
  let candidates = fittest(score);
  if (useFirst && candidates.length > 1) candidates = fittest(rest, candidates);
  const family = candidates.length === 1 ? candidates[0] : leaning(candidates, layout);
  const best = Math.min(...FAMILIES.map((f) => score.get(f)!));
  const close = FAMILIES.filter((f) => score.get(f)! - best < ACTIVE);
  const undecided = family === undefined ? close : [family, ...close.filter((f) => f !== family)];
  return { family, candidates, undecided, deciding };
}

/** One sentence per file whose own evidence fits other families than the chosen one. */
function conflictsWith(
  perFile: ReadonlyMap<string, ReadonlyMap<SourceFamily, number>>,
  chosen: SourceFamily,
  deciding: readonly string[],
): string[] {
  const out: string[] = [];
  const backing = deciding.filter((n) => fittest(perFile.get(n)!).includes(chosen));
  for (const [name, m] of perFile) {
    if (name === '' || !telling(m)) continue;
    const fit = fittest(m);
    if (fit.includes(chosen)) continue;
    // A gap of only weak evidence (absence, a commented-out line) is no conflict.
    if (m.get(chosen)! - m.get(fit[0]!)! < ACTIVE) continue;
    const by = backing.length > 0 ? `${backing.join(' and ')} ${backing.length === 1 ? 'fits' : 'fit'} ${chosen}` : `the directory as a whole fits ${chosen}`;
    out.push(`${name} fits ${range(fit)}, but ${by}`);
  }
  return out;
}

/**
 * ZCP 7.0 read sizes with atoll(): `2G` was 2 bytes. A size with a unit suffix was written for the
 * parser of 7.1 and later.
 */
function sizeSuffixes(
  file: DaemonFile,
  name: string,
  doc: ConfigDocument,
  blame: (fams: readonly SourceFamily[], weight: number) => void,
  evidence: { push(text: string): void },
): void {
  const sizes = new Set(optionNamesWhere(file, '7.1', (e) => e.t === 'size') ?? []);
  const hits: string[] = [];
  for (const line of doc.lines) {
    if (line.kind !== 'setting' || !sizes.has(line.key)) continue;
    if (/^\d+\s*[kmg]b?$/i.test(line.value.trim())) hits.push(`${line.key} = ${line.value.trim()} (line ${line.number})`);
  }
  if (hits.length === 0) return;
  blame(['7.0'], ACTIVE);
  const shown = hits.length > 4 ? [...hits.slice(0, 4), `${hits.length - 4} more`] : hits;
  evidence.push(`${name} sets ${shown.join(', ')}: a size with a unit suffix, which ZCP 7.0 read as a plain number (atoll), so 7.1 or later`);
}

/**
 * Absence is weak evidence: a full file that has none of the options a family's samples added
 * (7.2's server_ssl_protocols, 7.1's search_socket, ...) was probably not written for that family.
 */
function absence(
  file: DaemonFile,
  name: string,
  keyVotes: readonly { key: string }[],
  blame: (fams: readonly SourceFamily[], weight: number) => void,
  evidence: { push(text: string): void },
): void {
  if (keyVotes.length < FULL_FILE) return;
  const keys = new Set(keyVotes.map((k) => k.key));
  for (const [family, previous] of [['7.1', '7.0'], ['7.2', '7.1']] as const) {
    if (!optionNamesWhere(file, previous, () => false)) continue;
    const added = optionNamesWhere(file, family, (e) => e.s !== undefined && !(e.f ?? []).includes('UNUSED'))
      ?.filter((name) => !knows(file, previous, name));
    if (!added || added.length === 0 || added.some((k) => keys.has(k))) continue;
    blame([family], COMMENTED);
    const shown = added.length > 4 ? [...added.slice(0, 4), '…'] : added;
    evidence.push(`${name} has none of the options ${family} added to it (${shown.join(', ')})`);
  }
}

// Read from the data, not from built tables: detection asks three families about every key, and
// building the 7.0 and 7.1 tables of every file would cost more than the rest of a run.
function knows(file: DaemonFile, family: SourceFamily, key: string): boolean {
  return knowsOption(file, family, key);
}

/**
 * localeCompare, without waking the collator for names that need none: for lowercase ASCII
 * letters, digits, '.', '-' and '/' the root collation orders like the code units do, and the
 * first localeCompare of a process costs several milliseconds.
 */
function compareNames(a: string, b: string): number {
  if (PLAIN_NAME.test(a) && PLAIN_NAME.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
const PLAIN_NAME = /^[a-z0-9./-]*$/;

/** The search file's reader: indexer.cfg and a 7.0/7.1-only option set mean C++, a 7.2-only one Python. */
function searchDialectOf(doc: ConfigDocument, base: string, prior: Dialect | undefined): Dialect | undefined {
  if (base === 'indexer.cfg') return 'cpp';
  let cpp = 0;
  let python = 0;
  for (const line of doc.lines) {
    const key = line.kind === 'setting' ? line.key : commentedSettingOf(line)?.key;
    if (key === undefined) continue;
    const inCpp = knows('search.cfg', '7.1', key);
    const inPython = knows('search.cfg', '7.2', key);
    if (inCpp && !inPython) cpp++;
    if (inPython && !inCpp) python++;
  }
  if (cpp > python) return 'cpp';
  if (python > cpp) return 'python';
  return prior;
}

/**
 * Lines of a search.cfg that would stop ZCP 7.2's Python reader (a capitalised boolean, a size
 * without a unit, a non-numeric log_timestamp): such a file only ever ran under 7.0/7.1's C++ reader.
 */
function refusedByPythonSearch(doc: ConfigDocument, name: string): string[] {
  return validateConfig(doc, name, '7.2')
    .filter((d) => d.severity === 'error' && PYTHON_VALUE_ERRORS.has(d.code))
    .map((d) => `line ${d.line}`);
}
const PYTHON_VALUE_ERRORS = new Set(['INVALID_BOOLEAN', 'INVALID_SIZE', 'INVALID_VALUE']);

/** Among tied candidates, the one a tie-breaker favours, if any: /var/run/zarafad/ means 7.2. */
function leaning(candidates: readonly SourceFamily[], layout: SourceDetection['socketLayout']): SourceFamily | undefined {
  if (layout === 'var-run-zarafad' && candidates.includes('7.2')) return '7.2';
  return undefined;
}

function range(fams: readonly SourceFamily[]): string {
  if (fams.length === 1) return fams[0]!;
  return fams.join(' and ');
}
