import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { IncludeResolver } from '../cfg/effective.js';
import { dialectOf, effectiveConfig } from '../options/index.js';
import type { SourceFamily } from '../types.js';
import { resolveDirectiveTarget } from '../1-load/directive-target.js';
import type { DirRoot } from '../1-load/loaded-tree.js';
import type { ParseFile } from '../2-detect/parsed-files.js';

/** User plugins that read their settings from the file user_plugin_config names. */
const PLUGINS_WITH_CONFIG = new Set(['ldap', 'ldapms', 'unix']);

/**
 * server.cfg names the user plugin's file (`user_plugin_config`, ZCP default /etc/zarafa/ldap.cfg),
 * and the translation points it into /etc/kopano. When that file is not in the directory being
 * translated, nothing will be written there: kopano-server starts, but no user can log on.
 */
export function userPluginConfigMissing(
  root: DirRoot,
  files: readonly string[],
  version: SourceFamily,
  parse: ParseFile,
  resolveInclude: IncludeResolver,
): Diagnostic[] {
  if (!files.includes('server.cfg')) return [];
  const doc = parse('server.cfg', dialectOf('server.cfg', version));
  const effective = effectiveConfig(doc, 'server.cfg', version, resolveInclude);
  const plugin = effective.get('user_plugin')?.value.trim();
  if (plugin === undefined || !PLUGINS_WITH_CONFIG.has(plugin)) return [];
  const named = effective.get('user_plugin_config');
  if (!named || named.value.trim() === '') return [];
  const target = resolveDirectiveTarget(root, named.value, 'server.cfg');
  if (target.kind === 'inside' && files.includes(target.rel)) return [];
  const line = named.origin.kind === 'file' && named.origin.file === doc.file ? named.origin.line : undefined;
  const where = target.kind === 'inside' ? `${target.rel}, which is not in the directory` : `${target.path}, outside the directory`;
  return [diagnostic('USER_PLUGIN_CONFIG_MISSING', 'warning', 'server.cfg', line,
    `user_plugin = ${plugin} reads its settings from ${named.value} (${where}), so no translated copy of it is written: ` +
    `kopano-server would start but every logon would fail. Put that file into the directory and translate again, or copy and translate it by hand`)];
}
