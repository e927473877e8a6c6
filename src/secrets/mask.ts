import { parseConfig } from '../cfg/parse.js';
import { commentedSettingOf, type ConfigDocument, type ConfigLine, type Dialect } from '../cfg/model.js';
import { isSecretOption, type DaemonFile } from '../options/index.js';

/** What a secret value is shown as. Fixed, so diffs do not reveal a value's length. */
export const SECRET_MASK = '********';

/**
 * `text` with the value of every secret option replaced by {@link SECRET_MASK}; every other byte kept.
 * Applied to both sides of a diff, so the diff shows that a secret line changed, never its value.
 */
export function maskSecrets(text: string, daemon: DaemonFile | undefined, dialect: Dialect = 'cpp'): string {
  if (!MAY_NAME_SECRET.test(text)) return text;
  return maskSecretsOf(parseConfig(text, { dialect }), text, daemon);
}

/**
 * Every secret option name contains one of these (see isSecretOption), so a text without them has
 * nothing to mask and need not be parsed.
 */
const MAY_NAME_SECRET = /pass|secret|accesskeyid/;

/**
 * {@link maskSecrets} for a text already parsed: `doc` must be the parse of `text` in the dialect
 * the daemon reads it with. Saves parsing the text again when the caller has the document.
 */
export function maskSecretsOf(doc: ConfigDocument, text: string, daemon: DaemonFile | undefined): string {
  if (!MAY_NAME_SECRET.test(text)) return text;
  // The document is the lossless parse of `text`, so line `i` starts where the lines before it end:
  // only the secret values are cut out of `text`, instead of rebuilding it from every line.
  let out = '';
  let copied = 0;
  let masked = false;
  let at = doc.bom ? 1 : 0;
  for (const line of doc.lines) {
    const start = at;
    at += line.raw.length + line.eol.length;
    // A line without one of the words names no secret: skip the commented-setting regex for it.
    if (!MAY_NAME_SECRET.test(line.raw)) continue;
    const value = secretValueOf(line, daemon);
    if (value !== undefined) {
      const inLine = line.raw.lastIndexOf(value);
      if (inLine < 0) return maskLineByLine(doc, text, daemon);
      out += text.slice(copied, start + inLine) + SECRET_MASK;
      copied = start + inLine + value.length;
      masked = true;
    }
  }
  if (at !== text.length) return maskLineByLine(doc, text, daemon); // not the parse of `text` after all
  return masked ? out + text.slice(copied) : text;
}

/** {@link maskSecretsOf} rebuilt from the document's lines, for a `doc` that does not match `text`. */
function maskLineByLine(doc: ConfigDocument, text: string, daemon: DaemonFile | undefined): string {
  let changed = false;
  const parts: string[] = [];
  if (doc.bom) parts.push('\uFEFF');
  for (const line of doc.lines) {
    const value = secretValueOf(line, daemon);
    if (value !== undefined) {
      const at = line.raw.lastIndexOf(value);
      parts.push(line.raw.slice(0, at) + SECRET_MASK + line.raw.slice(at + value.length), line.eol);
      changed = true;
    } else {
      parts.push(line.raw, line.eol);
    }
  }
  return changed ? parts.join('') : text;
}

/**
 * The value on `line` that is a secret, if any. Commented-out lines count too: a disabled old
 * password is still a password.
 */
function secretValueOf(line: ConfigLine, daemon: DaemonFile | undefined): string | undefined {
  const setting = line.kind === 'setting' || line.kind === 'misread' ? line : commentedSettingOf(line);
  if (!setting || setting.value === '' || !isSecretOption(daemon, setting.key.replace(/^[#!\s]+/, ''))) return undefined;
  return setting.value;
}

/** Mask `value` when `key` is a secret option. */
export function maskValue(daemon: DaemonFile | undefined, key: string | undefined, value: string | undefined, show: boolean): string | undefined {
  if (show || value === undefined || key === undefined || value === '') return value;
  return isSecretOption(daemon, key) ? SECRET_MASK : value;
}
