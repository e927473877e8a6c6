import { finding, setValue } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { mapPidFile } from './lib/sockets.js';
import { daemonName, programOf, targetSpec } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';

export const pidFilesRule: Rule = {
  id: 'pid-files',
  title: 'Move pid files to /var/run/kopano/<daemon>.pid',
  why:
    'Kopano keeps its run-time files in /var/run/kopano, owned by the user the daemons run as, and its service ' +
    'scripts look for pid files there; a zarafa-<name>.pid left directly in /var/run is not found and may clash with ZCP leftovers.',
  guide: 'Point pid_file at /var/run/kopano/<daemon>.pid.',
  files: 'all',
  sources: ZCP_SOURCES,
  *apply(ctx) {
    // Kopano 11's C++ daemons no longer write pid files (pid_file is OBSOLETE): obsolete-options drops the line.
    if (targetSpec(ctx, 'pid_file')?.flags.includes('OBSOLETE')) return;
    const name = daemonName(ctx.daemon);
    for (const line of ctx.plan.linesOf('pid_file')) {
      const value = ctx.plan.plannedValue(line.number)!;
      const m = mapPidFile(value, name);
      if (m.kind === 'zarafa') {
        yield setValue(line.number, m.value, 'the Zarafa pid file location; Kopano keeps pid files in /var/run/kopano');
      } else if (m.kind === 'custom') {
        yield finding('CUSTOM_PID_FILE_KEPT', 'warning', line.number,
          `pid_file = ${value} is not a Zarafa default and is kept; ${programOf(ctx.daemon)} runs as ` +
          `${ctx.options.runAs.user} and must be able to write it`);
      }
    }
  },
};
