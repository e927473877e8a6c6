export { parseConfig, type ParseOptions } from './cfg/parse.js';
export { printConfig } from './cfg/print.js';
export { applyEdits, EditConflictError, type Edit } from './cfg/edit.js';
export { effectiveSettings, settingsOf } from './cfg/effective.js';
export { decodeConfigBytes, encodeConfigText } from './cfg/bytes.js';
export type * from './cfg/model.js';
export type { Diagnostic, Severity } from './diagnostic.js';
export { formatDiagnostic } from './diagnostic.js';
export type * from './types.js';
