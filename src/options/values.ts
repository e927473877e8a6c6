import type { Dialect } from '../cfg/model.js';
import type { DaemonFile, TableVersion } from './types.js';

/**
 * C++ `GetSize`: strtoul must read a number at the start; a k/m/g suffix is optional and any
 * other trailing text is ignored.
 */
export function isCppSize(value: string): boolean {
  return /^[+-]?[0-9]/.test(value);
}

/** Python size: a number (may have a fraction) and a unit suffix; a bare number is rejected. */
export function isPythonSize(value: string): boolean {
  return /^[0-9]+(\.[0-9]+)?[ \t]*(b|[kmgtpezy](i?b)?)$/i.test(value);
}

export function isValidSize(value: string, dialect: Dialect): boolean {
  return dialect === 'cpp' ? isCppSize(value) : isPythonSize(value);
}

/** The only spellings the Python reader accepts for a boolean; anything else crashes it. */
export const PYTHON_BOOLEANS: ReadonlySet<string> = new Set(['yes', 'no', 'true', 'false', '1', '0']);

/** C++ `parseBool`: false only for exactly these strings. */
export function cppBool(value: string): boolean {
  return value !== '0' && value !== 'false' && value !== 'no';
}

/** Spellings a person means as "off" that parseBool reads as true. */
export function looksFalse(value: string): boolean {
  return /^(no|false|off|0|n|disabled?)$/i.test(value);
}

/** Options holding an OpenSSL protocol list. */
export const SSL_PROTOCOL_OPTIONS: ReadonlySet<string> = new Set(['server_ssl_protocols', 'ssl_protocols']);

/**
 * Protocol names the daemon's parser knows (lowercase; compared case-insensitively).
 * 7.2/8.0: SSLv2 SSLv3 TLSv1 TLSv1.1 TLSv1.2. 8.7: the server parser adds TLSv1.0 and TLSv1.3; the
 * ical/gateway parser adds TLSv1.3 and no longer knows SSLv2.
 */
export function knownSslProtocols(file: DaemonFile, version: TableVersion): ReadonlySet<string> {
  const base = ['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1', 'tlsv1.2'];
  if (version !== '8.7' && version !== '11.0') return new Set(base);
  if (file === 'server.cfg') return new Set([...base, 'tlsv1.0', 'tlsv1.3']);
  return new Set(['sslv3', 'tlsv1', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3']);
}

/**
 * The tokens of a protocol list the daemon rejects. 8.7 ignores unknown negated (`!x`) tokens;
 * earlier versions reject every unknown token.
 */
export function badSslProtocols(value: string, file: DaemonFile, version: TableVersion): string[] {
  const known = knownSslProtocols(file, version);
  const bad: string[] = [];
  for (const token of value.split(/[ \t]+/)) {
    if (token === '') continue;
    const negated = token.startsWith('!');
    const name = (negated ? token.slice(1) : token).toLowerCase();
    if (known.has(name)) continue;
    if (negated && (version === '8.7' || version === '11.0')) continue;
    bad.push(token);
  }
  return bad;
}
