import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { decodeConfigBytes, type TextEncodingName } from '../cfg/bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { errnoCode } from '../diagnostics/translate-error.js';

/**
 * A directory export is far larger than a config file, yet still bounded: past this it is not an
 * export this tool should hold in memory (and a string that long cannot be made at all).
 */
export const MAX_LDIF_BYTES = 256 * 1024 * 1024;

/** The LDIF text and how to write text back as the same bytes (encoding, a byte-order mark, CR-only line ends). */
export interface LdifInput {
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  crOnly: boolean;
}

/**
 * Read an LDIF export with the config reader's guards: a regular file (or stdin, whatever it is),
 * at most {@link MAX_LDIF_BYTES}, no NUL byte; a FIFO or device named as FILE is refused without
 * waiting for a writer. Decoded as UTF-8 when it is, else latin-1 (every byte kept). A leading BOM
 * and CR-only line ends are taken off for the parser and put back by {@link encodeLdifOutput}.
 * Returns the input, or the diagnostic that refuses it.
 */
export function readLdifInput(file: string, name: string): LdifInput | Diagnostic {
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return unreadable(name, e);
  }
  try {
    const st = fstatSync(fd);
    if (file !== '-' && !st.isFile()) {
      return diagnostic('NOT_A_REGULAR_FILE', 'error', name, undefined, 'is not a regular file (a pipe, socket or device); give an LDIF export file, or - to read stdin');
    }
    if (st.isDirectory()) return diagnostic('NOT_A_REGULAR_FILE', 'error', name, undefined, 'is a directory; give an LDIF export file');
    if (st.isFile() && st.size > MAX_LDIF_BYTES) return tooLarge(name, st.size);
    const bytes = readAtMost(fd, MAX_LDIF_BYTES + 1);
    if (bytes.length > MAX_LDIF_BYTES) return tooLarge(name, undefined);
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      return diagnostic('BINARY_FILE', 'error', name, lineOf(bytes, nul), 'contains a NUL byte, so it is not an LDIF text export (binary values are written base64, with ::)');
    }
    const decoded = decodeConfigBytes(bytes);
    let text = decoded.text;
    const bom = text.startsWith('\uFEFF');
    if (bom) text = text.slice(1);
    const crOnly = !text.includes('\n') && text.includes('\r');
    if (crOnly) text = text.replace(/\r/g, '\n');
    return { text, encoding: decoded.encoding, bom, crOnly };
  } catch (e) {
    return unreadable(name, e);
  } finally {
    if (file !== '-') closeSync(fd);
  }
}

/** The output's bytes in the input's form: its encoding, its line ends, its BOM (kept in entries mode, where the export is rewritten in place). */
export function encodeLdifOutput(output: string, input: LdifInput, keepBom: boolean): Buffer {
  let text = input.crOnly ? output.replace(/\n/g, '\r') : output;
  if (input.bom && keepBom) text = `\uFEFF${text}`;
  return Buffer.from(text, input.encoding === 'latin1' && !/[^\x00-\xff]/.test(text) ? 'latin1' : 'utf8');
}

function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      // stdin as a non-blocking pipe: wait a moment for the writer.
      if (errnoCode(e) === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(name: string, size: number | undefined): Diagnostic {
  return diagnostic('FILE_TOO_LARGE', 'error', name, undefined,
    `is ${size === undefined ? 'more than' : `${size} bytes, more than`} ${MAX_LDIF_BYTES} bytes (the limit for an LDIF export); split the export (e.g. one subtree at a time) and translate each part`);
}

function unreadable(name: string, e: unknown): Diagnostic {
  return diagnostic('FILE_UNREADABLE', 'error', name, undefined, `cannot be read (${errnoCode(e) ?? String(e)})`);
}

function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}
