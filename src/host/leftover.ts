import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseLines } from './line-doc.js';
import { ZCP_REFERENCE } from './zcp-names.js';

/** Data the translation keeps where it is (attachments, the index, backups under /var/lib/zarafa): not a left-over. */
const KEPT_DATA = (): RegExp => /\/var\/lib\/zarafa(?![\w-])/g;

/** Lines reported per file; the rest are counted in the last finding. */
const PER_FILE = 10;

/** A text to scan: its root-relative path, and the lines a kind already decided on. */
export interface ScannedText {
  path: string;
  text: string;
  understood?: ReadonlySet<number>;
}

/**
 * Nothing left in silence: every line (not a comment) that still names ZCP — a program, a path, a
 * unit, a variable — and that no kind decided on is a HOST_REFERENCE_LEFT finding at file:line.
 */
export function leftoverReferences(texts: readonly ScannedText[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of texts) {
    const lines = parseLines(t.text).lines.filter((l) => ZCP_REFERENCE.test(l.text.replace(KEPT_DATA(), ''))
      && !/^\s*(#|;|\/\/)/.test(l.text) && !t.understood?.has(l.number));
    lines.slice(0, PER_FILE).forEach((l, i) => {
      const more = i === PER_FILE - 1 && lines.length > PER_FILE ? ` (and ${lines.length - PER_FILE} more lines in this file)` : '';
      const name = /[\w./-]*zarafa[\w./-]*/i.exec(l.text.replace(KEPT_DATA(), ''))![0];
      out.push(diagnostic('HOST_REFERENCE_LEFT', 'warning', t.path, l.number,
        `still names ${name}, which no Kopano package provides, and no kind of file this tool knows changes it; change it by hand${more}`, 'host:reference-left'));
    });
  }
  return out;
}
