// The public surface. Everything here is re-exported from the module that owns it.

// Lossless documents: parse, print, edit.
export { parseConfig, type ParseOptions } from './cfg/parse.js';
export { printConfig } from './cfg/print.js';
export { applyEdits, EditConflictError, type Edit } from './cfg/edit.js';
export { effectiveSettings, settingsOf, type IncludeResolver, type SettingSource } from './cfg/effective.js';
export { decodeConfigBytes, encodeConfigText, type DecodedText, type TextEncodingName } from './cfg/bytes.js';
export type * from './cfg/model.js';

// Option tables and validation.
export {
  getOptionTable,
  lookupOption,
  daemonFileOf,
  dialectOf,
  effectiveConfig,
  validateConfig,
  detectSourceVersion,
  isSecretOption,
  DAEMON_FILES,
  TABLE_VERSIONS,
} from './options/index.js';
export type {
  DaemonFile,
  TableVersion,
  OptionType,
  OptionFlag,
  OptionSpec,
  OptionTable,
  EffectiveValue,
  SourceDetection,
} from './options/index.js';

// Translation.
export { translateConfig } from './translate/translate-config.js';
export { translateConfigDir, type TranslateDirOptions } from './translate/translate-dir.js';
export { TranslateError } from './translate/translate-error.js';
export { RULES, type Rule, type RuleContext } from './rules/index.js';
export { orderActions, ACTION_PHASES } from './rules/actions.js';
export { SECRET_MASK, maskSecrets } from './secrets/mask.js';

// The directory: an LDIF export from zarafa.schema to kopano.schema names.
export {
  translateLdif,
  type LdifMode,
  type LdifTranslation,
  type TranslateLdifOptions,
  type KeptLdifName,
} from './ldif/translate-ldif.js';

// Messages.
export type { Diagnostic, Severity } from './diagnostic.js';
export { formatDiagnostic } from './diagnostic.js';
export type * from './types.js';
