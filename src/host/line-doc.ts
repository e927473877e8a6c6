/**
 * The lossless document every host file kind starts from: the text as physical lines, each with its
 * exact line end. A kind finds the tokens it changes on top of it; everything else is kept byte for
 * byte, so print(parse(x)) === x for any text.
 */
export interface HostLine {
  /** 1-based line number. */
  number: number;
  /** The line without its line end. */
  text: string;
  eol: '' | '\n' | '\r\n';
}

export interface LineDoc {
  lines: HostLine[];
}

export function parseLines(text: string): LineDoc {
  const lines: HostLine[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) {
      lines.push({ number: lines.length + 1, text: text.slice(at), eol: '' });
      break;
    }
    const cr = nl > at && text[nl - 1] === '\r';
    lines.push({ number: lines.length + 1, text: text.slice(at, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n' });
    at = nl + 1;
  }
  return { lines };
}

export function printLines(doc: LineDoc): string {
  return doc.lines.map((l) => l.text + l.eol).join('');
}

/** A replacement of `[start, end)` of one physical line; a line past the last one appends `text` at the end. */
export interface LineSplice {
  line: number;
  start: number;
  end: number;
  text: string;
}

/**
 * The text with each splice applied to its line (splices of one line must not overlap; they are
 * applied right to left so the columns stay valid). Lines without a splice are kept as they are.
 */
export function applySplices(doc: LineDoc, splices: readonly LineSplice[]): string {
  const byLine = new Map<number, LineSplice[]>();
  for (const s of splices) byLine.set(s.line, [...(byLine.get(s.line) ?? []), s]);
  // Splices past the last line add text at the end (after a line end, when the last line has none).
  const appended = splices.filter((s) => s.line > doc.lines.length).map((s) => s.text).join('');
  const last = doc.lines[doc.lines.length - 1];
  const tail = appended === '' ? '' : (last !== undefined && last.eol === '' ? '\n' : '') + appended;
  return doc.lines.map((l) => {
    const own = byLine.get(l.number);
    if (!own) return l.text + l.eol;
    let text = l.text;
    for (const s of [...own].sort((a, b) => b.start - a.start)) text = text.slice(0, s.start) + s.text + text.slice(s.end);
    return text + l.eol;
  }).join('') + tail;
}
