import { lookupOption, type OptionTable } from '../options/index.js';

/**
 * The name a value is stored under: an alias (`server_port` in 8.0) counts as the option it sets,
 * so the Zarafa and Kopano sides compare like with like.
 */
export function canonicalKey(table: OptionTable | undefined, key: string): string {
  const spec = table && lookupOption(table, key);
  if (spec?.aliasOf !== undefined && table?.options.has(spec.aliasOf)) return spec.aliasOf;
  return key;
}
