import type { ManualAction } from '../../types.js';

/**
 * Manual actions are ordered by phase, the order a person must do them in: an action id is
 * `<phase>:<detail>`. Ids are stable, so the same action raised by several files is listed once.
 */
export const ACTION_PHASES = [
  'backup', // before anything else: MySQL dump, copy of /etc/zarafa
  'packages', // purge ZCP, install KC
  'files', // copy files the configs reference (certificates, scripts, templates)
  'owner', // users, groups, chown of what the daemons now write to
  'attachments', // move or re-point attachment storage
  'database', // database upgrade path
  'ldap', // schema import, entry migration
  'search', // index rebuild or move
  'clients', // WebApp, Z-Push, other programs that hold socket paths
  'backups', // kopano-backup
  'verify', // start and check
] as const;

export type ActionPhase = (typeof ACTION_PHASES)[number];

export function phaseOf(action: ManualAction): number {
  const phase = action.id.split(':', 1)[0] as ActionPhase;
  const i = ACTION_PHASES.indexOf(phase);
  return i === -1 ? ACTION_PHASES.length : i;
}

/**
 * Merge actions from several files: one entry per id (paths united, first reason kept), ordered by
 * phase, then by first appearance.
 */
export function orderActions(actions: readonly ManualAction[]): ManualAction[] {
  const byId = new Map<string, ManualAction>();
  for (const a of actions) {
    const seen = byId.get(a.id);
    if (!seen) {
      byId.set(a.id, { ...a, ...(a.paths ? { paths: [...a.paths] } : {}) });
    } else if (a.paths) {
      const paths = new Set([...(seen.paths ?? []), ...a.paths]);
      seen.paths = [...paths];
    }
  }
  const list = [...byId.values()];
  const first = new Map(list.map((a, i) => [a.id, i]));
  return list.sort((x, y) => phaseOf(x) - phaseOf(y) || first.get(x.id)! - first.get(y.id)!);
}
