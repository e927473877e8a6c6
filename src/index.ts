// The public surface: PRODUCT.md's names, plus the documented extras (docs/api.md). Everything
// else under src/ is internal and may change without notice.

// Lossless documents: parse, print, edit (edits are data).
export { parseConfig, type ParseOptions } from './cfg/parse.js';
export { printConfig } from './cfg/print.js';
export { applyEdits, EditConflictError, type Edit } from './cfg/edit.js';
export type * from './cfg/model.js';

// Option tables and validation.
export {
  getOptionTable,
  lookupOption,
  daemonFileOf,
  dialectOf,
  effectiveConfig,
  validateConfig,
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

// Translation: one file, a directory (load → translateTree → write), or the pure middle alone.
export { translateConfig } from './api/translate-config.js';
export { translateConfigDir } from './api/translate-dir.js';
export { translateHost } from './api/translate-host.js';
export { InvalidOptionError } from './api/options.js';
export { translateTree, type TreeTranslation } from './pipeline/translate-tree.js';
export { loadTree, type LoadRequest } from './1-load/load-tree.js';
export type { LoadedTree, LoadedDir, LoadedFile, LoadedOutDir, DirRoot, TargetOutcome } from './1-load/loaded-tree.js';
export type { FileWrite } from './6-write/plan-writes.js';
export { TranslateError } from './diagnostics/translate-error.js';
export { SECRET_MASK } from './secrets/mask.js';
export { secretSetOf, redact, redactData, type SecretSet } from './secrets/secret-set.js';

// The directory: an LDIF export from zarafa.schema to kopano.schema names.
export {
  translateLdif,
  type LdifMode,
  type LdifTranslation,
  type TranslateLdifOptions,
  type KeptLdifName,
} from './ldif/translate-ldif.js';

// Messages.
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/diagnostic.js';
export type * from './types.js';
