/**
 * `zarafa2kopano ldif`: read an LDIF export (a file or stdin), print its translation on stdout and
 * a short report on stderr. On an error nothing goes to stdout and the exit status is 2. The
 * report names lines and attribute names, never values (the export holds password hashes).
 */
import type { LdifArgs } from './args.js';
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { translateLdif } from '../ldif/translate-ldif.js';
import { encodeLdifOutput, readLdifInput } from './read-ldif-input.js';

/** The streams it writes (main.ts's CliStreams fit; not imported, to keep the graph acyclic). */
interface LdifStreams {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
}

export function runLdif(args: LdifArgs, io: LdifStreams): number {
  const name = args.file === '-' ? '<stdin>' : args.file;
  const input = readLdifInput(args.file, name);
  if ('code' in input) {
    io.stderr.write(`${formatDiagnostic(input)}\nzarafa2kopano: ${name} was not read; nothing written.\n`);
    return 2;
  }
  const r = translateLdif(input.text, { mode: args.mode, file: name });
  for (const d of r.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(r.diagnostics)) {
    io.stderr.write(`zarafa2kopano: ${name} is not valid LDIF; nothing written.\n`);
    return 2;
  }
  // The same bytes as the input wherever the translation did not change a line (latin-1 values stay latin-1).
  io.stdout.write(encodeLdifOutput(r.output, input, args.mode === 'entries'));
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  io.stderr.write(`${name}: ${n(r.entries, 'entry', 'entries')} read, ${n(r.changedEntries, 'entry', 'entries')} with zarafa.schema data` +
    ` (${n(r.changedObjectClasses, 'object class', 'object classes')}, ${n(r.changedAttributes, 'attribute value')}, ${n(r.changedSockets, 'socket')}` +
    `; ${n(r.kept.length, 'name')} kept without a kopano counterpart).\n`);
  return 0;
}
