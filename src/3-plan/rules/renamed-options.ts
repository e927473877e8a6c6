import { remove, rename } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { activeLines } from './lib/values.js';
import { ZCP_SOURCES } from '../../types.js';

/** Options Kopano knows only under a new name; the old name is not an alias (kopano-server refuses it). */
const RENAMES: readonly (readonly [string, string])[] = [
  ['enable_hosted_zarafa', 'enable_hosted_kopano'],
  ['enable_distributed_zarafa', 'enable_distributed_kopano'],
];

export const renamedOptionsRule: Rule = {
  id: 'renamed-options',
  title: 'Rename options Kopano knows under a new name (enable_hosted_zarafa → enable_hosted_kopano, …)',
  why:
    'kopano-server does not accept enable_hosted_zarafa or enable_distributed_zarafa, not even as aliases: ' +
    'an unknown option stops it at startup, and hosted or multi-server mode would silently be off.',
  guide: 'Rename the *_zarafa options of server.cfg to their *_kopano names.',
  files: ['server.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    for (const [from, to] of RENAMES) {
      const lines = activeLines(ctx, from);
      const last = lines.pop();
      if (!last) continue;
      // Earlier assignments were overridden by the last one; renaming them would change nothing.
      for (const line of lines) {
        yield remove(line.number, `${from} is assigned again further down; Kopano knows it only as ${to}`);
      }
      const newLine = ctx.plan.lineOf(to);
      if (newLine && newLine.number > last.number) {
        yield remove(last.number, `${to} is already set further down; Kopano does not know ${from}`);
      } else {
        yield rename(last.number, to, `Kopano knows ${from} only under its new name ${to}`);
        if (newLine) {
          yield remove(newLine.number, `overridden by the renamed ${from} further down`);
        }
      }
    }
  },
};
