/**
 * Control characters of the input (an ESC in a file name, a value holding a terminal escape
 * sequence) would act on the operator's terminal: on a TTY they are printed as `\xNN` instead.
 * Tab and line feed stay; a CR stays only before LF (CRLF line ends of a diff).
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]/g, (c, at: number, all: string) =>
    c === '\r' && all[at + 1] === '\n' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `data` with every string made {@link terminalSafe} (for rendering a result on a TTY). */
export function terminalSafeData<T>(data: T): T {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return terminalSafe(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  return walk(data) as T;
}

/**
 * `s` with every control character shown as `\xNN`, line feed and CR included: for a string that
 * must stay one line wherever it is printed (a file name, a message), so that a name holding a
 * newline cannot start a line of its own in a log (`::warning::` in a CI job). Tab stays.
 */
export function oneLine(s: string): string {
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f\x80-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * `data` with every string made {@link oneLine}, except the fields that hold whole texts
 * (`input`, `output`, `diff`, `patch`) and the runbook's commands (`command`, `commands`,
 * `check`: scripts of several lines), whose other control characters are still escaped.
 */
export function oneLineData<T>(data: T): T {
  const walk = (x: unknown, multiLine: boolean): unknown => {
    if (typeof x === 'string') return multiLine ? x.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`) : oneLine(x);
    if (Array.isArray(x)) return x.map((v) => walk(v, multiLine));
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v, multiLine || MULTI_LINE_FIELDS.has(k))]));
    return x;
  };
  return walk(data, false) as T;
}

const MULTI_LINE_FIELDS = new Set(['input', 'output', 'diff', 'patch', 'command', 'commands', 'check']);
