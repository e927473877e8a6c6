import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TargetOutcome } from './loaded-tree.js';

/**
 * Why a `*.cfg` entry discovery found was not read, as the diagnostic the report shows; undefined
 * for a directory (named *.cfg, or a link to one inside: nothing to translate, as before).
 */
export function foundEntryDiagnostic(rel: string, outcome: Exclude<TargetOutcome, { kind: 'file' } | { kind: 'too-deep' }>): Diagnostic | undefined {
  switch (outcome.kind) {
    case 'directory':
      return undefined;
    case 'outside':
      return outcome.directory
        // Not a config file whatever it holds, so nothing a daemon reads is lost: a warning, with its own code.
        ? diagnostic('SYMLINK_TO_OUTSIDE_DIRECTORY', 'warning', rel, undefined,
          `is a symlink to the directory ${outcome.real}, outside the input directory; it is not a config file and nothing in it was read. Remove the link, or copy the files it should hold into the directory`)
        : diagnostic('SYMLINK_OUTSIDE_INPUT', 'error', rel, undefined,
          `is a symlink to ${outcome.real}, outside the input directory; it was not read. Copy the file into the directory (or translate it separately) and run again`);
    case 'missing':
      return outcome.why === 'ELOOP'
        ? diagnostic('SYMLINK_LOOP', 'warning', rel, undefined,
          'is a symlink loop; no daemon can read it, so it was skipped. Remove it or point it at a real file')
        : outcome.why === 'DANGLING'
          ? diagnostic('SYMLINK_DANGLING', 'warning', rel, undefined,
            'is a symlink to a file that does not exist; no daemon can read it, so it was skipped. Remove it or point it at a real file')
          : diagnostic('FILE_UNREADABLE', 'error', rel, undefined,
            `cannot be read (${outcome.why}); run as a user who can read it`);
    case 'unreadable':
      return diagnostic('FILE_UNREADABLE', 'error', rel, undefined,
        `cannot be read (${outcome.why}); run as a user who can read it`);
    case 'special':
      // An error, not a warning: a daemon's settings may be behind it, and the output would silently lack them.
      return diagnostic('NOT_A_REGULAR_FILE', 'error', rel, undefined,
        'is not a regular file (a pipe, socket or device); it was not read. Replace it with the regular file the daemon reads, or move it out of the directory');
    case 'rejected':
      return outcome.diagnostic;
    case 'changed':
      return diagnostic('FILE_CHANGED_WHILE_READ', 'error', rel, undefined,
        `changed while it was read (${outcome.why}); nothing of it was used. Run again when nothing else is changing the directory`);
  }
}

/** A subdirectory discovery could not list: its files were not looked at, so say so. */
export function unreadableDirDiagnostic(rel: string, code: string): Diagnostic {
  // A warning: a daemon reads its files by name from the top directory, and a subdirectory this
  // user cannot list (a 0700 ssl/ of keys) is common; an !include into it is reported on its own.
  return diagnostic('DIR_UNREADABLE', 'warning', rel, undefined,
    `is a directory that cannot be read (${code}); any *.cfg files in it were not translated. Run as a user who can read it`);
}
