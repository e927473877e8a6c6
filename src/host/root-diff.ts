import { unifiedDiff } from '../4-emit/unified-diff.js';

/**
 * A file's diff with root-relative git headers, applying inside a copy of the root with `git apply`
 * or `patch -p1` (GNU patch reads git's extended headers). A result at a new path (etc/zarafa/x →
 * etc/kopano/x) is a git copy (the source stays, the new file is made from it and the hunks); one
 * whose text does not change is a new file with the whole (masked) text, which both tools create.
 */
export function rootDiff(diff: string, source: string, target: string, maskedText: string): string {
  const body = diff.replace(/^--- a\/[^\n]*\n\+\+\+ b\/[^\n]*\n/, '');
  const headers = `--- a/${source}\n+++ b/${target}\n`;
  if (source === target) return diff === '' ? '' : `diff --git a/${source} b/${target}\n${headers}${body}`;
  if (diff === '') return newFileDiff(target, maskedText);
  return `diff --git a/${source} b/${target}\ncopy from ${source}\ncopy to ${target}\n${headers}${body}`;
}

/** A file that does not exist in the root yet, with its whole (masked) text. */
export function newFileDiff(target: string, maskedText: string): string {
  if (maskedText === '') return '';
  const whole = unifiedDiff(target, target, '', maskedText).replace(/^--- a\/[^\n]*\n/, '--- /dev/null\n');
  return `diff --git a/${target} b/${target}\nnew file mode 100644\n${whole}`;
}
