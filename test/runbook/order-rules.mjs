// The runbook's ordering rules as checks over a DirTranslation's actions, shared by the vitest
// test (every fixture) and the corpus check (every corpus directory). Each returns the broken
// rules as messages; an empty list means the order is right.
const PHASES = ['prepare', 'collect', 'stop', 'remove', 'install', 'configure', 'data', 'directory', 'start', 'clients', 'after', 'rollback'];

/** @param {{ id: string, phase?: string }[]} actions */
export function orderProblems(actions) {
  const problems = [];
  const at = (pred) => actions.findIndex(pred);
  const lastAt = (pred) => actions.reduce((last, a, i) => (pred(a) ? i : last), -1);
  let phase = 0;
  for (const a of actions) {
    const p = PHASES.indexOf(a.phase ?? '');
    if (p === -1) problems.push(`${a.id} has no phase`);
    else if (p < phase) problems.push(`${a.id} (${a.phase}) comes after a ${PHASES[phase]} step`);
    else phase = p;
  }
  const ids = actions.map((a) => a.id);
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length > 0) problems.push(`listed twice: ${[...new Set(dup)].join(', ')}`);
  const removal = at((a) => a.id.startsWith('remove:'));
  const lastBackup = lastAt((a) => a.id.startsWith('prepare:'));
  if (removal !== -1 && lastBackup > removal) problems.push('backup before removal: a prepare step comes after the removal');
  const lastCollect = lastAt((a) => a.id.startsWith('collect:') || a.id.startsWith('files:copy:'));
  if (removal !== -1 && lastCollect > removal) problems.push('collect before removal: a copy out of the ZCP tree comes after the removal');
  const upgrade = at((a) => a.id === 'database:upgrade-path');
  const install = at((a) => a.id === 'install:packages');
  if (upgrade !== -1 && install !== -1 && upgrade > install) problems.push('database upgrade before install: the upgrade path comes after the target is installed');
  const move = at((a) => a.id === 'attachments:move');
  const chown = at((a) => a.id === 'owner:attachments');
  if (move !== -1 && chown !== -1 && move > chown) problems.push('move before chown: the attachments are handed over before they are moved');
  return problems;
}
