import { findSecrets } from './find.js';
import { SECRET_MASK } from './mask.js';

/**
 * The secret values one run has read, as plain immutable data: build it once from every text the
 * run read ({@link secretSetOf}), then {@link redact} each string before it is printed.
 */
export interface SecretSet {
  /** Masked wherever they occur, longest first: values long and unusual enough to be unambiguous. */
  readonly anywhere: readonly string[];
  /** Masked only right after their key (`key = v`, `key: v`, `key "v"`): short or common values. */
  readonly afterKey: readonly { readonly key: string; readonly value: string }[];
}

export const NO_SECRETS: SecretSet = { anywhere: [], afterKey: [] };

/**
 * A value shorter than this is masked only after its key: masking a 2-character password
 * everywhere would hide every occurrence of those two letters in the diff and the report.
 */
export const MIN_ANYWHERE_LENGTH = 4;

/** Values that are config words, not secrets anyone chose: masked after their key only. */
const COMMON_VALUES = new Set(['yes', 'no', 'true', 'false', 'on', 'off', 'none', 'null', 'default', 'empty', 'unset']);

function isAnywhereValue(v: string): boolean {
  if (v.length < MIN_ANYWHERE_LENGTH || COMMON_VALUES.has(v.toLowerCase())) return false;
  // A number up to five digits is a port, a size or a count somewhere else in the files.
  return !/^\d{1,5}$/.test(v);
}

/**
 * The printed forms of a value: itself, inside quotes without them, and as JSON.stringify writes
 * it inside a string (messages quote values that way).
 */
function formsOf(value: string): string[] {
  const forms = [value];
  const q = /^(["'])(.*)\1$/s.exec(value);
  if (q && q[2]!.trim() !== '') forms.push(q[2]!.trim());
  for (const f of [...forms]) {
    const json = JSON.stringify(f).slice(1, -1);
    if (json !== f) forms.push(json);
  }
  return forms;
}

/** A text the run read or made, with the file it is (for saying where a secret was found). */
export interface NamedText {
  file?: string;
  text: string;
}

/**
 * A secret value that is masked only right after its key, and why: `short` (under
 * {@link MIN_ANYWHERE_LENGTH}), `common` (a config word or a small number), `name` (it also is part
 * of a name the run prints itself: a file, a path, a package, a command, a word of the report).
 */
export interface KeyOnlySecret {
  key: string;
  file?: string;
  line: number;
  why: 'short' | 'common' | 'name';
}

/** The secrets of every text in `texts` (file contents as read, and as written). */
export function secretSetOf(texts: Iterable<string>): SecretSet {
  return collectSecrets([...texts].map((text) => ({ text }))).secrets;
}

/**
 * The secrets of `texts`, and the values among them that can only be masked after their key.
 * `structure` is the text the run composes itself (file names, paths, commands, the report's
 * words), or a function that makes it, called at most once and only when a value could be a name
 * (making it renders the report and the runbooks: start-up, docs/performance.md): a value found in it (by `isName`, default: anywhere in it) is masked after its key
 * only, as masking it everywhere would change a name the reader needs
 * (`server_auth_password = presence` and `presence.cfg`).
 */
export function collectSecrets(
  texts: Iterable<NamedText>,
  structure: string | (() => string) = '',
  isName: (structure: string, key: string, value: string) => boolean = (st, _key, value) => st.includes(value),
): { secrets: SecretSet; keyOnly: KeyOnlySecret[] } {
  let made = typeof structure === 'string' ? structure : undefined;
  const structureText = (): string => (made ??= (structure as () => string)());
  const anywhere = new Set<string>();
  const afterKey = new Map<string, { key: string; value: string }>();
  const keyOnly = new Map<string, KeyOnlySecret>();
  for (const { file, text } of texts) {
    for (const { key, value, line } of findSecrets(text)) {
      const k = key.toLowerCase();
      for (const form of formsOf(value)) {
        const why = !isAnywhereValue(form) ? (form.length < MIN_ANYWHERE_LENGTH ? 'short' : 'common') : isName(structureText(), key, form) ? 'name' : undefined;
        if (why === undefined) {
          anywhere.add(form);
          continue;
        }
        afterKey.set(`${k}\0${form}`, { key: k, value: form });
        const id = `${k}\0${value}`;
        if (!keyOnly.has(id)) keyOnly.set(id, { key, ...(file !== undefined ? { file } : {}), line, why });
      }
    }
  }
  return {
    secrets: {
      anywhere: [...anywhere].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
      afterKey: [...afterKey.values()],
    },
    keyOnly: [...keyOnly.values()],
  };
}

/** Both sets' values, for a run that read texts in two places (merge: the Zarafa and the Kopano files). */
export function unionOf(a: SecretSet, b: SecretSet): SecretSet {
  const anywhere = [...new Set([...a.anywhere, ...b.anywhere])].sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
  const seen = new Set<string>();
  const afterKey = [...a.afterKey, ...b.afterKey].filter((s) => {
    const id = `${s.key}\0${s.value}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
  return { anywhere, afterKey };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with every occurrence of every secret value replaced by {@link SECRET_MASK}. Overlapping
 * or touching occurrences (of one value or of two) become one mask, so no part of either shows.
 * A text holding none of the values is returned as it is.
 */
export function redact(text: string, secrets: SecretSet): string {
  const spans: [number, number][] = [];
  for (const v of secrets.anywhere) {
    for (let at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) spans.push([at, at + v.length]);
  }
  for (const { key, value } of secrets.afterKey) {
    if (!text.includes(value)) continue;
    // The key, then what separates a value from it in the files and in messages: blanks, `=`, `:`,
    // a quote, and PHP's `', '`, `' => '`, `'] = '`.
    const re = new RegExp(`${escapeRegExp(key)}(?:['"]\\]?)?[ \\t]*(?:=>|[=:,])?[ \\t]*['"]?(${escapeRegExp(value)})`, 'gid');
    for (const m of text.matchAll(re)) {
      const [from, to] = m.indices![1]!;
      spans.push([from, to]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < spans.length) {
    const from = spans[i]![0];
    let to = spans[i]![1];
    for (i++; i < spans.length && spans[i]![0] <= to; i++) to = Math.max(to, spans[i]![1]);
    out += text.slice(copied, from) + SECRET_MASK;
    copied = to;
  }
  return out + text.slice(copied);
}

/**
 * `data` with {@link redact} applied to every string value in it, for printing a whole result as
 * JSON: redacting each string before JSON.stringify keeps the document valid. Object keys are
 * names (`files`, a file's path), never values of the input: they are kept, so the document keeps
 * its shape whatever a secret equals.
 */
export function redactData<T>(data: T, secrets: SecretSet): T {
  if (secrets.anywhere.length === 0 && secrets.afterKey.length === 0) return data;
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return redact(x, secrets);
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    }
    return x;
  };
  return walk(data) as T;
}
