import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';

/** The daemon user and group a translation uses. */
export interface RunAs {
  user: string;
  group: string;
}

/**
 * The explicit non-root user a ZCP file runs its daemon as (`run_as_user = zarafa`), with its group
 * (`run_as_group`, or the user's name when that is empty, unset or root). Empty, unset or root:
 * undefined — the daemon ran as root, and Kopano's kopano user takes over.
 */
export function keptRunAs(doc: ConfigDocument, resolve?: IncludeResolver): RunAs | undefined {
  const settings = effectiveSettings(doc, resolve);
  const user = settings.get('run_as_user')?.line.value ?? '';
  if (user === '' || user === 'root') return undefined;
  const group = settings.get('run_as_group')?.line.value ?? '';
  return { user, group: group === '' || group === 'root' ? user : group };
}
