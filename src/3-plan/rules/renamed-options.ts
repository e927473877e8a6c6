import { remove, rename } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { activeLines } from './lib/values.js';
import { pinSetting } from './data/pin.js';
import { ZCP_SOURCES, type Source } from '../../types.js';

/**
 * Options Kopano knows only under a new name; the old name is not an alias (kopano-server refuses
 * it, or takes it as an option that no longer does anything). `sources`: the ZCP releases whose
 * reader used the old name (all when absent). ZCP 7.0's search switch (index_services_*, server.cfg
 * of zarafa-server 7.0) became search_* in 7.1; from 7.1 on the old names are UNUSED.
 */
const RENAMES: readonly { from: string; to: string; sources?: readonly Source[] }[] = [
  { from: 'enable_hosted_zarafa', to: 'enable_hosted_kopano' },
  { from: 'enable_distributed_zarafa', to: 'enable_distributed_kopano' },
  { from: 'index_services_enabled', to: 'search_enabled', sources: ['7.0'] },
  { from: 'index_services_path', to: 'search_socket', sources: ['7.0'] },
  { from: 'index_services_search_timeout', to: 'search_timeout', sources: ['7.0'] },
];

export const renamedOptionsRule: Rule = {
  id: 'renamed-options',
  title: 'Rename options Kopano knows under a new name (enable_hosted_zarafa → enable_hosted_kopano, …)',
  why:
    'kopano-server does not accept enable_hosted_zarafa or enable_distributed_zarafa, not even as aliases: ' +
    'an unknown option stops it at startup, and hosted or multi-server mode would silently be off. ZCP 7.0 ' +
    'switched search with index_services_enabled, index_services_path and index_services_search_timeout, which ' +
    'Kopano reads as search_enabled, search_socket and search_timeout; 7.0 had search off by default and ' +
    'Kopano has it on, so a 7.0 server.cfg that left it off gets search_enabled = no.',
  guide: 'Rename the *_zarafa options of server.cfg to their *_kopano names.',
  files: ['server.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    for (const { from, to, sources } of RENAMES) {
      if (sources && !sources.includes(ctx.options.source)) continue;
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
    // ZCP 7.0 searched only when told to (index_services_enabled defaulted to no); Kopano's default is yes.
    const switched = ctx.effective.get('index_services_enabled');
    if (ctx.options.source === '7.0' && !ctx.included && switched?.origin.kind !== 'file') {
      yield* pinSetting(ctx, 'search_enabled', 'no', ['search_socket', 'search_timeout'],
        'ZCP 7.0 searched only with index_services_enabled = yes, and this server left it at its default (no); Kopano\'s default is yes');
    }
  },
};
