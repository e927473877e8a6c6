/**
 * `zarafa2kopano ldif`: read an LDIF export (a file or stdin), print its translation on stdout and
 * a short report on stderr. On an error nothing goes to stdout and the exit status is 2. The
 * report names lines and attribute names, never values (the export holds password hashes).
 */
import { readFileSync } from 'node:fs';
import type { LdifArgs } from './args.js';
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { translateLdif } from '../ldif/translate-ldif.js';

/** The streams it writes (main.ts's CliStreams fit; not imported, to keep the graph acyclic). */
interface LdifStreams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export function runLdif(args: LdifArgs, io: LdifStreams): number {
  const name = args.file === '-' ? '<stdin>' : args.file;
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    io.stderr.write(`zarafa2kopano: ${name}: cannot read it (${code})\n`);
    return 2;
  }
  const r = translateLdif(text, { mode: args.mode, file: name });
  for (const d of r.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  if (hasErrors(r.diagnostics)) {
    io.stderr.write(`zarafa2kopano: ${name} is not valid LDIF; nothing written.\n`);
    return 2;
  }
  io.stdout.write(r.output);
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  io.stderr.write(`${name}: ${n(r.entries, 'entry', 'entries')} read, ${n(r.changedEntries, 'entry', 'entries')} with zarafa.schema data` +
    ` (${n(r.changedObjectClasses, 'object class', 'object classes')}, ${n(r.changedAttributes, 'attribute value')}, ${n(r.changedSockets, 'socket')}` +
    `; ${n(r.kept.length, 'name')} kept without a kopano counterpart).\n`);
  return 0;
}
