/** Option tables of every Zarafa/Kopano daemon file, and what they tell about a config file. */
export type { DaemonFile, TableVersion, OptionType, OptionFlag, OptionSpec, OptionTable } from './types.js';
export { DAEMON_FILES, TABLE_VERSIONS } from './types.js';
export { getOptionTable, lookupOption, dialectOf, tableVersionOf } from './table.js';
export { daemonFileOf } from './files.js';
export { effectiveConfig, effectiveView, type EffectiveValue } from './effective.js';
export { isSecretOption } from './secret.js';
export { validateConfig } from './validate.js';
export { validateOptionData } from './check-data.js';
