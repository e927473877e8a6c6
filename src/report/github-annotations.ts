import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DirTranslation } from '../types.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) for the errors and
 * warnings of a translation, one a line, so a CI job shows each next to the file it is about.
 * `dir` is the input directory as the user gave it: file paths are printed under it, which makes
 * them relative to the job's working directory like the paths GitHub matches against the diff.
 */
export function renderGithubAnnotations(result: DirTranslation, dir: string): string {
  const lines: string[] = [];
  for (const d of result.diagnostics) {
    if (d.severity === 'info') continue;
    lines.push(annotation(d, dir));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * For `--check`: one `::error` per file that would change, on that file in the directory compared
 * with (`against` as the user gave it), so the job shows which committed files are out of date.
 */
export function renderCheckAnnotations(files: readonly string[], against: string): string {
  return files.map((f) => {
    const file = path.posix.normalize(path.posix.join(against.split(path.sep).join('/'), f));
    return `::error file=${property(file)},title=${property('zarafa2kopano --check')}::${data(`${f} would change: run zarafa2kopano without --check to see or write the result`)}\n`;
  }).join('');
}

function annotation(d: Diagnostic, dir: string): string {
  const file = path.posix.normalize(path.posix.join(dir.split(path.sep).join('/'), d.file));
  const props = [`file=${property(file)}`];
  if (d.line !== undefined) props.push(`line=${d.line}`);
  props.push(`title=${property(d.rule === undefined ? d.code : `${d.code} (${d.rule})`)}`);
  return `::${d.severity} ${props.join(',')}::${data(d.message)}`;
}

/** The escaping the runner undoes in a command's message. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The escaping the runner undoes in a command's properties (`,` and `:` separate them). */
function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
