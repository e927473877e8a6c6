import { diagnostic } from '../diagnostics/diagnostic.js';
import { collectSecrets, MIN_ANYWHERE_LENGTH, redact, redactData, unionOf, type KeyOnlySecret } from '../secrets/secret-set.js';
import { textsOfRun } from '../secrets/run-secrets.js';
import { renderReport } from '../report/render-report.js';
import { renderRunbookMarkdown } from '../report/render-runbook-md.js';
import { renderRunbookShell } from '../report/render-runbook-sh.js';
import { oneLine, oneLineData } from '../report/terminal-safe.js';
import type { RunResult } from '../pipeline/run-translation.js';
import type { DirTranslation } from '../types.js';

/**
 * What the CLI prints and writes of a run, and the one place its secrets are masked
 * (docs/security.md, "Secrets"): every stream and every runbook is made from {@link OutputView.dir}
 * and passes through {@link OutputView.text} last.
 */
export interface OutputView {
  /**
   * The translation to print: secret values masked in every string value (object keys, which are
   * names, are kept), the warnings about values masked after their key only added, the text of
   * opaque files withheld. `--show-secrets`: the translation as it is.
   */
  dir: DirTranslation;
  /**
   * {@link dir} for the human renderings (report, runbooks, annotations): every string also kept on
   * one line ({@link oneLineData}: a file name holding a newline cannot start a log line of its own),
   * and the files' texts the real ones, for telling which files changed (these renderings never
   * print a text, and a secret changed is a file changed).
   */
  human: DirTranslation;
  /** A text made from {@link dir} or the CLI's own words, masked: the last step before it is printed or written. */
  text(s: string): string;
}

export interface ViewOptions {
  showSecrets: boolean;
  zarafaDir: string;
  /** Every path the user gave (printed as given, never masked: they are names). */
  paths: readonly string[];
  /** The CLI's own sentences (closing lines), with sample figures: their words are names too. */
  phrases: readonly string[];
  /** A host run (--root): the texts read around /etc/zarafa and the secret values its file kinds found. */
  host?: { texts: readonly string[]; values: readonly string[] };
}

export function outputView(run: RunResult, options: ViewOptions): OutputView {
  const raw = run.translation;
  if (options.showSecrets) return { dir: raw, human: oneLineData(raw), text: (s) => s };
  const shown = withholdOpaque(raw);
  // Made on first need only (a value long enough to mask anywhere): it renders the report and both runbooks.
  let made: string | undefined;
  const structure = (): string => (made ??= structureOf(shown, options));
  const hostTexts = (options.host?.texts ?? []).map((text) => ({ file: '', text }));
  const found = collectSecrets([...textsOfRun(raw, run.tree), ...hostTexts], structure, isNameIn);
  const keyOnly = found.keyOnly;
  // Values the host kinds found (fetchmail passwords …): masked everywhere when long and no name the output shows.
  const hostValues = (options.host?.values ?? []).filter((v) => v.length >= MIN_ANYWHERE_LENGTH && !structure().includes(v));
  const secrets = hostValues.length === 0 ? found.secrets : unionOf(found.secrets, { anywhere: hostValues, afterKey: [] });
  const warned = keyOnly.length === 0 ? shown : { ...shown, diagnostics: [...shown.diagnostics, ...keyOnly.map(keyOnlyWarning)] };
  const dir = redactData(warned, secrets);
  const human = oneLineData({ ...dir, files: dir.files.map((f, i) => ({ ...f, input: raw.files[i]!.input, output: raw.files[i]!.output })) });
  return { dir, human, text: (s) => redact(s, secrets) };
}

/** The files whose text the CLI never prints (FileTranslation.opaque): their texts left out. */
function withholdOpaque(dir: DirTranslation): DirTranslation {
  if (!dir.files.some((f) => f.opaque)) return dir;
  const files = dir.files.map((f) => (f.opaque ? { ...f, input: '', output: '', diff: '' } : f));
  return { ...dir, files, patch: files.map((f) => f.diff).join('') };
}

function keyOnlyWarning(s: KeyOnlySecret) {
  const why = s.why === 'short' ? 'too short' : s.why === 'common' ? 'a common word or number' : 'also part of a file, path, package or command name the output shows';
  return diagnostic('SECRET_MASKED_AT_KEY_ONLY', 'warning', s.file ?? '', s.line,
    `the value of ${oneLine(s.key)} is ${why}: it is masked after its key only, and may show where the output repeats it elsewhere`);
}

/** Fields that hold text of the input (or a value of it), not names the run composes. */
const INPUT_FIELDS = new Set(['input', 'output', 'diff', 'patch', 'message', 'before', 'after', 'reason', 'evidence', 'against', 'conflicts', 'key']);

/**
 * Everything the run prints that it composes itself: file names, paths, codes, rule ids, package
 * and service names, the runbook's commands, the report's and runbook's words, the JSON keys, the
 * diff headers. Made by rendering the translation with every field that holds input text emptied.
 * A secret value found in here is masked after its key only (masking it everywhere would rename
 * `presence.cfg` for `server_auth_password = presence`).
 */
function structureOf(dir: DirTranslation, options: ViewOptions): string {
  const keys = new Set<string>();
  const values: string[] = [];
  const names = emptyInputFields(dir, keys, values);
  const headers = dir.files.flatMap((f) => f.diff.split('\n').filter((l) => l.startsWith('--- ') || l.startsWith('+++ ') || l.startsWith('@@')));
  const parts = [
    ...keys,
    ...values,
    renderReport(names, { zarafaDir: options.zarafaDir, mode: 'full', verbose: true }),
    renderReport(names, { zarafaDir: options.zarafaDir, mode: 'full' }),
    renderReport(names, { zarafaDir: options.zarafaDir, mode: 'check' }),
    renderRunbookMarkdown(names, { zarafaDir: options.zarafaDir }),
    renderRunbookShell(names, { zarafaDir: options.zarafaDir }),
    ...headers,
    ...options.paths,
    ...options.phrases,
  ];
  // Each line once: a directory of a thousand files repeats most of them, and every line is searched per secret.
  return [...new Set(parts.flatMap((p) => p.split(/\r\n|\n|\r/)))].join('\n');
}

/**
 * True when `value` (found as the value of `key`) is a name of `structure`: it occurs on a line of
 * it (lines end at LF or CR) that does not also hold the key. On a line with its key the value is
 * the input's setting quoted (a command built from a line the C++ reader joined), not a name.
 */
function isNameIn(structure: string, key: string, value: string): boolean {
  const k = key.toLowerCase();
  for (let at = structure.indexOf(value); at >= 0; at = structure.indexOf(value, at + 1)) {
    let start = at;
    while (start > 0 && structure[start - 1] !== '\n' && structure[start - 1] !== '\r') start--;
    let end = at + value.length;
    while (end < structure.length && structure[end] !== '\n' && structure[end] !== '\r') end++;
    if (!structure.slice(start, end).toLowerCase().includes(k)) return true;
  }
  return false;
}

/**
 * `dir` with every field that holds input text emptied; its keys and its remaining string values
 * gathered on the way (into `keys` and `values`, in the order of a depth-first walk), so the
 * structure walks the translation once.
 */
function emptyInputFields(dir: DirTranslation, keys: Set<string>, values: string[]): DirTranslation {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') values.push(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, v]) => {
        keys.add(k);
        if (!INPUT_FIELDS.has(k)) return [k, walk(v)];
        if (typeof v === 'string') return [k, ''];
        if (Array.isArray(v)) return [k, []];
        collect(v, keys, values);
        return [k, v];
      }));
    }
    return x;
  };
  return walk(dir) as DirTranslation;
}

/** The keys and string values of `x`, kept as it is. */
function collect(x: unknown, keys: Set<string>, values: string[]): void {
  if (typeof x === 'string') values.push(x);
  else if (Array.isArray(x)) for (const v of x) collect(v, keys, values);
  else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      keys.add(k);
      collect(v, keys, values);
    }
  }
}
