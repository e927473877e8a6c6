import { action } from '../rule-steps.js';
import type { Rule } from '../rule.js';
import { pinSetting } from './data/pin.js';
import { cppBool, currentValue, isSetAnywhere, programOf, targetSpec } from './lib/values.js';
import { shellQuote } from './lib/paths.js';

export const pythonPluginsRule: Rule = {
  id: 'python-plugins',
  title: 'Kopano 11: keep the dagent and spooler Python plugins on where they were (plugin_enabled, process_model = fork)',
  why:
    'ZCP and Kopano 8 ran the Python plugins of the dagent and the spooler by default (plugin_enabled = yes, one process per ' +
    'delivery). Kopano 11 turns them off by default (plugin_enabled = no, process_model = thread since 8.7.81): the plugins in ' +
    'plugin_path would stop running unnoticed. Where they were on, plugin_enabled = yes and process_model = fork are written ' +
    '(Kopano 11 forces fork with an error at every start otherwise), and the runbook says to check the plugin directory, ' +
    'since Kopano 11 refuses to start the daemon when its Python plugin manager is not installed (K-1730 dagent, K-1729 spooler).',
  guide: 'For Kopano 11: set plugin_enabled and process_model explicitly where the Python plugins ran.',
  files: ['dagent.cfg', 'spooler.cfg'],
  targets: ['11.0'],
  *apply(ctx) {
    if (ctx.included || !ctx.targetTable) return;
    const enabled = currentValue(ctx, 'plugin_enabled');
    if (enabled === undefined || !cppBool(enabled)) return;
    const program = programOf(ctx.daemon);
    const def = targetSpec(ctx, 'plugin_enabled')?.default ?? 'no';
    if (!isSetAnywhere(ctx, 'plugin_enabled') && !cppBool(def)) {
      yield* pinSetting(ctx, 'plugin_enabled', 'yes', ['plugin_path', 'plugin_manager_path'],
        `the Python plugins ran by default (yes); Kopano 11's default is ${def}, which would stop the plugins in plugin_path unnoticed`);
    }
    const model = currentValue(ctx, 'process_model');
    if (!isSetAnywhere(ctx, 'process_model') || model === 'thread') {
      if (!ctx.plan.has('process_model')) {
        yield* pinSetting(ctx, 'process_model', 'fork', ['process_model', 'plugin_enabled'],
          `plugin_enabled = yes needs one process per delivery; with Kopano 11's default (thread) ${program} logs an error at every start and forks anyway`);
      }
    }
    const path = currentValue(ctx, 'plugin_path') ?? targetSpec(ctx, 'plugin_path')?.default ?? '';
    yield action({
      id: `plugins:${ctx.daemon.replace(/\.cfg$/, '')}`,
      reason: `${ctx.file} keeps plugin_enabled = yes: Kopano 11's ${program} refuses to start (${ctx.daemon === 'dagent.cfg' ? 'K-1730' : 'K-1729'}) when its Python plugin manager ` +
        `(plugin_manager_path) is not installed. If ${path || 'plugin_path'} holds no plugin, set plugin_enabled = no in /etc/kopano/${ctx.targetFile} instead.`,
      ...(path ? { command: `ls -la ${shellQuote(path)}`, paths: [path] } : {}),
      optional: true,
      from: { file: ctx.file, key: 'plugin_enabled' },
    });
  },
};
