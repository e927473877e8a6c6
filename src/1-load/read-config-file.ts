import { readFile } from 'node:fs/promises';
import { decodeConfigBytes, type TextEncodingName } from '../cfg/bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ConfigFileEntry } from './find-config-files.js';
import { errnoCode } from '../diagnostics/translate-error.js';

/** A config file's bytes and the text they decode to. */
export interface SourceFile extends ConfigFileEntry {
  bytes: Buffer;
  text: string;
  encoding: TextEncodingName;
}

/**
 * Real config files are a few kilobytes; anything this large is not one, and reading it whole
 * would only waste memory.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Read one config file, or say why it cannot be translated: unreadable, too large, or binary
 * (a NUL byte: the C++ reader would cut the line there, and no text editor wrote it).
 */
export async function readConfigFile(entry: ConfigFileEntry): Promise<SourceFile | Diagnostic> {
  if (entry.size > MAX_CONFIG_BYTES) {
    return diagnostic('FILE_TOO_LARGE', 'error', entry.path, undefined,
      `is ${entry.size} bytes, more than any config file (limit ${MAX_CONFIG_BYTES}); move it out of the directory if it is not a config file`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(entry.real);
  } catch (e) {
    return diagnostic('FILE_UNREADABLE', 'error', entry.path, undefined,
      `cannot be read (${errnoCode(e) ?? String(e)}); run as a user who can read it`);
  }
  if (bytes.length > MAX_CONFIG_BYTES) {
    return diagnostic('FILE_TOO_LARGE', 'error', entry.path, undefined,
      `is more than ${MAX_CONFIG_BYTES} bytes; move it out of the directory if it is not a config file`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return diagnostic('BINARY_FILE', 'error', entry.path, lineAt(bytes, nul),
      'contains a NUL byte, so it is not a text config file; remove the NUL bytes or move the file out of the directory');
  }
  const { text, encoding } = decodeConfigBytes(bytes);
  return { ...entry, size: bytes.length, bytes, text, encoding };
}

/** 1-based line number of byte `offset`. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
