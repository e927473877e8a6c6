import { effectiveSettings, type IncludeResolver } from '../cfg/effective.js';
import type { ConfigDocument } from '../cfg/model.js';
import { isAccountName } from './account-name.js';

/** The daemon user and group a translation uses. */
export interface RunAs {
  user: string;
  group: string;
}

/**
 * The explicit non-root user a ZCP file runs its daemon as (`run_as_user = zarafa`), with its group
 * (`run_as_group`, or the user's name when that is empty, unset, root or no group name). Empty,
 * unset or root: undefined — the daemon ran as root, and Kopano's kopano user takes over. A value
 * that is no user name is not kept either: the C++ reader trims only space, tab, CR and LF, so
 * `run_as_user = <no-break space>zarafa` names a user no system has, and the Python daemons, which
 * strip every Unicode space, would read another name from the same line (the run-as rule reports it).
 */
export function keptRunAs(doc: ConfigDocument, resolve?: IncludeResolver): RunAs | undefined {
  const settings = effectiveSettings(doc, resolve);
  const user = settings.get('run_as_user')?.line.value ?? '';
  if (user === '' || user === 'root' || !isAccountName(user)) return undefined;
  const group = settings.get('run_as_group')?.line.value ?? '';
  return { user, group: group === '' || group === 'root' || !isAccountName(group) ? user : group };
}
