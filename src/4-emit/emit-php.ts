import { diagnostic } from '../diagnostics/diagnostic.js';
import { SECRET_MASK } from '../secrets/mask.js';
import type { FileTranslation } from '../types.js';
import { applyPhpEdits, PHP_RULE, planPhpConfig, type PhpConfigKind } from '../3-plan/php/plan-php.js';
import { scanPhpDefines } from '../3-plan/php/php-defines.js';
import { unifiedDiff } from './unified-diff.js';

/** A define whose value is a secret by its name (a password, a key). */
const SECRET_NAME = /PASS|SECRET|(^|_)KEY($|_)/i;

/**
 * Translate a WebApp or Z-Push config.php: plan the define() values that name Zarafa, apply them,
 * and diff with secrets masked. Pure. `source`/`target` are the paths the diff names.
 */
export function translatePhpConfig(text: string, source: string, target: string, kind: PhpConfigKind, showSecrets: boolean): FileTranslation {
  const planned = planPhpConfig(text, kind, source);
  const output = applyPhpEdits(text, planned.edits);
  const mask = (t: string): string => (showSecrets ? t : maskPhpSecrets(t));
  return {
    source,
    target,
    input: text,
    output,
    diff: unifiedDiff(source, target, mask(text), mask(output)),
    changes: planned.changes,
    diagnostics: planned.findings.map((f) => diagnostic(f.code, 'warning', source, f.line, f.message, PHP_RULE)),
    actions: planned.actions,
  };
}

/** `text` with the value literal of every secret-named define replaced by the mask. */
function maskPhpSecrets(text: string): string {
  const secret = scanPhpDefines(text).defines.filter((d) => SECRET_NAME.test(d.name) && d.value !== '');
  return applyPhpEdits(text, secret.map((d) => ({ start: d.start, end: d.end, literal: `${d.quote}${SECRET_MASK}${d.quote}` })));
}
