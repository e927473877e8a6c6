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
