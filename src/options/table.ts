import type { Dialect } from '../cfg/model.js';
import type { RawEntry, RawOptionData } from './data-format.js';
import OPTION_DATA from './data/options.json' with { type: 'json' };
import { isSecretOption } from './secret.js';
import type { Source } from '../types.js';
import { TABLE_VERSIONS, type DaemonFile, type OptionSpec, type OptionTable, type TableVersion } from './types.js';


/** The generated data (src/options/data/options.json; the build checks its shape with zod). */
export function optionData(): RawOptionData {
  return OPTION_DATA as unknown as RawOptionData;
}

/**
 * The option table of one daemon file in one version, or undefined when that daemon does not exist
 * in that version (presence before 7.2). Tables are built once, on first use, and shared: treat
 * them as read-only.
 */
export function getOptionTable(file: DaemonFile, version: TableVersion): OptionTable | undefined {
  let byVersion = TABLES.get(file);
  if (!byVersion) {
    byVersion = new Map();
    TABLES.set(file, byVersion);
  }
  if (!byVersion.has(version)) byVersion.set(version, buildTable(file, version));
  return byVersion.get(version);
}

/**
 * The tables built so far, per file and then per version. The one memo in src/: of constant data
 * (a table depends on the bundled option data alone), filled on first use, one version at a time:
 * a run reads its files' source and target tables, and building every version of every file would
 * cost start-up time for tables it never reads. Nothing outside sees it change.
 */
// eslint-disable-next-line no-restricted-syntax -- a memo of constant derived data, see above
const TABLES = new Map<DaemonFile, Map<TableVersion, OptionTable | undefined>>();

function buildTable(file: DaemonFile, version: TableVersion): OptionTable | undefined {
  const raw = optionData().files[file];
  const meta = raw?.v[version];
  if (!raw || !meta) return undefined;
  const slot = TABLE_VERSIONS.indexOf(version);
  const options = new Map<string, OptionSpec>();
  for (const [name, slots] of Object.entries(raw.o)) {
    const e = resolveSlot(slots, slot);
    if (e) options.set(name, specOf(file, name, e));
  }
  return { file, version, dialect: meta[0], unknownOption: meta[1], options };
}

/**
 * True when `file` in `version` has an option `key` ({@link lookupOption} would find it), answered
 * from the data without building the table: detection asks about tables the run never uses.
 */
export function knowsOption(file: DaemonFile, version: TableVersion, key: string): boolean {
  const raw = optionData().files[file];
  if (!raw || !raw.v[version]) return false;
  if (Object.hasOwn(raw.o, key) && resolveSlot(raw.o[key]!, TABLE_VERSIONS.indexOf(version)) !== null) return true;
  return file === 'ldap.propmap.cfg' && PROPMAP_KEY.test(key);
}

/**
 * True when `file` in `version` has `key` and it belongs to that version: it does something there,
 * or that version's sample still shows it. False for an option kept UNUSED only so that older
 * files still load (7.1's index_services_*). Read from the data like {@link knowsOption}.
 */
export function usesOption(file: DaemonFile, version: TableVersion, key: string): boolean {
  const raw = optionData().files[file];
  if (!raw || !raw.v[version] || !Object.hasOwn(raw.o, key)) return knowsOption(file, version, key);
  const e = resolveSlot(raw.o[key]!, TABLE_VERSIONS.indexOf(version));
  return e !== null && (!(e.f ?? []).includes('UNUSED') || e.s !== undefined);
}

/**
 * The names of the options of `file` in `version` whose entry passes `keep`, in table order, or
 * undefined when that daemon does not exist in that version. Reads the data without building the table.
 */
export function optionNamesWhere(file: DaemonFile, version: TableVersion, keep: (e: RawEntry) => boolean): string[] | undefined {
  const raw = optionData().files[file];
  if (!raw || !raw.v[version]) return undefined;
  const slot = TABLE_VERSIONS.indexOf(version);
  const out: string[] = [];
  for (const name in raw.o) {
    if (!Object.hasOwn(raw.o, name)) continue;
    const e = resolveSlot(raw.o[name]!, slot);
    if (e && keep(e)) out.push(name);
  }
  return out;
}

/** A `0` slot repeats the entry of the version before it. */
function resolveSlot(slots: readonly (RawEntry | 0 | null)[], i: number): RawEntry | null {
  for (let j = i; j >= 0; j--) {
    const s = slots[j];
    if (s === undefined || s === null) return null;
    if (s !== 0) return s;
  }
  return null;
}

function specOf(file: DaemonFile, name: string, e: RawEntry): OptionSpec {
  const spec: OptionSpec = {
    name,
    type: e.t,
    default: e.d,
    flags: e.f ?? [],
    secret: e.t === 'secret' || isSecretOption(file, name),
  };
  if (e.a !== undefined) spec.aliasOf = e.a;
  if (e.v !== undefined) spec.allowedValues = e.v;
  if (e.s !== undefined) {
    spec.sample = e.s;
    spec.sampleCommented = e.sc === 1;
  }
  if (e.c !== undefined) spec.condition = e.c;
  return spec;
}

/** A MAPI property tag key as the LDAP plugin reads it: `0x` and 8 hex digits. */
export const PROPMAP_KEY = /^0x[0-9A-Fa-f]{8}$/;

/**
 * The option `key` names in `table`, matched case-sensitively like the daemons' `strcmp` map.
 * In ldap.propmap.cfg every `0x` + 8 hex digit key is a valid property tag.
 */
export function lookupOption(table: OptionTable, key: string): OptionSpec | undefined {
  const spec = table.options.get(key);
  if (spec) return spec;
  if (table.file === 'ldap.propmap.cfg' && PROPMAP_KEY.test(key))
    return { name: key, type: 'string', default: undefined, flags: [], secret: false };
  return undefined;
}

/**
 * The reader of a daemon file in a version: the Python `Config` for search from 7.2 on and for
 * backup and presence, the C++ ECConfig for the rest (7.0's indexer and 7.1's search included).
 */
export function dialectOf(file: DaemonFile, version: TableVersion): Dialect {
  if (file === 'search.cfg') return version === '7.0' || version === '7.1' ? 'cpp' : 'python';
  if (file === 'backup.cfg' || file === 'presence.cfg' || file === 'spamd.cfg' || file === 'autorespond.cfg') return 'python';
  return 'cpp';
}

/** The option table a source reads with: a Kopano family reads as its Kopano release. */
export function tableVersionOf(source: Source): TableVersion {
  if (source === 'kopano-8.0') return '8.0';
  if (source === 'kopano-8.7') return '8.7';
  return source;
}
