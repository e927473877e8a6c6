import type { ESLint, Rule } from 'eslint';

/** local/no-folder-cycle: no import cycle between the top-level folders of a source root. */
export const noFolderCycle: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
