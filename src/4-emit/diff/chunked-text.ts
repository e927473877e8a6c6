/** Characters gathered before the pending pieces are joined into one chunk. */
const CHUNK_CHARS = 1 << 20;

/**
 * Builds a big text out of many lines without holding them all as separate pieces and then a
 * joined copy next to them: every megabyte or so the pending pieces are joined into one chunk, and
 * the chunks are concatenated at the end, which V8 does without copying them (the copy into one
 * flat string happens when the text is first read, by then without the pieces that built it).
 */
export class ChunkedText {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;

  /** Append `line` and a line feed. */
  line(line: string): void {
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** Everything appended, in order. */
  text(): string {
    this.flush();
    let out = '';
    for (const chunk of this.chunks) out += chunk;
    return out;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.pending.push(''); // so the join ends the last line with a line feed too
    this.chunks.push(this.pending.join('\n'));
    this.pending = [];
    this.pendingChars = 0;
  }
}
