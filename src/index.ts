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
} from './options/index.js';
export { detectSourceVersion, type SourceDetection } from './2-detect/detect-source.js';

// Translation.
export { translateConfig } from './pipeline/translate-config.js';
export { translateConfigDir, type TranslateDirOptions } from './pipeline/translate-dir.js';
export { TranslateError } from './diagnostics/translate-error.js';
export { RULES, type Rule, type RuleContext } from './3-plan/rules/index.js';
export { orderActions, ACTION_PHASES } from './3-plan/rules/actions.js';
export { SECRET_MASK, maskSecrets } from './secrets/mask.js';
export { secretSetOf, redact, redactData, type SecretSet } from './secrets/secret-set.js';
export { findSecrets, type FoundSecret } from './secrets/find.js';
export { isSecretName } from './secrets/names.js';

// Messages.
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/diagnostic.js';
export type * from './types.js';
