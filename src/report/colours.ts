/** ANSI styling, or none: colours only on a terminal and never when NO_COLOR is set (no-color.org). */
export interface Colours {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

const ON: Colours = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const id = (s: string) => s;
export const NO_COLOURS: Colours = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

export function coloursFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colours {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return stream.isTTY === true && !noColor ? ON : NO_COLOURS;
}

/** A unified diff with removed lines red, added lines green and hunk headers cyan. */
export function colourDiff(patch: string, c: Colours): string {
  if (c === NO_COLOURS) return patch;
  return patch.replace(/^.*$/gm, (line) => {
    if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
    if (line.startsWith('@@')) return c.cyan(line);
    if (line.startsWith('+')) return c.green(line);
    if (line.startsWith('-')) return c.red(line);
    return line;
  });
}
