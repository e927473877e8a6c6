/**
 * Value encodings of RFC 2849: which values may be written as plain text (SAFE-STRING), base64 in
 * and out, and writing one logical line folded the way slapcat and ldapsearch fold.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** True when `s` is complete base64 (RFC 4648 alphabet, padded to a multiple of four). */
export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

/** The bytes of valid base64 `s` as text: UTF-8 when they are UTF-8, else one character per byte. */
export function decodeBase64(s: string): string {
  const bytes = Buffer.from(s, 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

export function encodeBase64(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64');
}

/**
 * SAFE-STRING of RFC 2849: no NUL, LF, CR or non-ASCII character; not starting with a space, `:`
 * or `<`. A value ending in a space is also written as base64 (the RFC recommends it: readers
 * may strip trailing spaces).
 */
export function isSafeString(value: string): boolean {
  if (value === '') return true;
  if (/^[ :<]/.test(value) || value.endsWith(' ')) return false;
  return /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value);
}

/** `name: value`, or `name:: base64` when the value is not a SAFE-STRING or `base64` is asked for. */
export function attributeText(description: string, value: string, base64 = false): string {
  if (base64 || !isSafeString(value)) return `${description}:: ${encodeBase64(value)}`;
  return value === '' ? `${description}:` : `${description}: ${value}`;
}

/** Width of a folded line (without its line end), as OpenLDAP's tools write by default. */
export const FOLD_WIDTH = 76;

/**
 * One logical line as physical lines of at most {@link FOLD_WIDTH} characters, each continuation
 * starting with one space, the last ended by `eol`. Lines are only ever cut between
 * characters (never inside a surrogate pair); LDIF text we write is ASCII apart from such pairs.
 */
export function fold(text: string, eol: string): string {
  const chars = [...text];
  if (chars.length <= FOLD_WIDTH) return text + eol;
  // The last line of a file may have no line end; the lines it is folded into still need one.
  const between = eol === '' ? '\n' : eol;
  const pieces = [chars.slice(0, FOLD_WIDTH).join('')];
  for (let i = FOLD_WIDTH; i < chars.length; i += FOLD_WIDTH - 1) pieces.push(` ${chars.slice(i, i + FOLD_WIDTH - 1).join('')}`);
  return pieces.join(between) + eol;
}
