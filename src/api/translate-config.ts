import { translateFile } from '../pipeline/translate-config.js';
import type { FileTranslation, TranslateOptions } from '../types.js';
import { checkTranslateOptions } from './options.js';

/**
 * Translate one Zarafa config file to its Kopano form. Pure: no I/O. `file` is the path relative
 * to the configuration directory; its name decides the daemon. Runs every rule that applies to the
 * daemon, source family and target, applies their edits in one step, and checks the result against
 * the target daemon's option table. Throws InvalidOptionError for a bad option.
 */
export function translateConfig(text: string, file: string, options: TranslateOptions = {}): FileTranslation {
  const checked = checkTranslateOptions(options);
  const { kopanoDir: _merge, ...rest } = checked;
  return translateFile(text, file, rest).translation;
}
