/** A word for a POSIX shell: bare when it is safe, else single-quoted. */
export function sh(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  // A control character (a newline in a file name) is written as bash's $'\xNN': the command stays on its line.
  if (/[\x00-\x1f\x7f]/.test(word)) return `$'${word.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The directory part of an absolute path (`/` for a file at the root). */
export function dirOf(path: string): string {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Where the runbook keeps what it saves on the host (backups, dumps, the translated files). */
export const WORK_DIR = '/root/zarafa2kopano';
