import { optionData } from './table.js';

/**
 * Checks the built-in option data against its zod schema and returns the problems found (empty
 * when valid). zod is imported here, on demand, so the normal start-up path never loads it.
 */
export async function validateOptionData(): Promise<string[]> {
  const { checkOptionData } = await import('./schema.js');
  return checkOptionData(optionData());
}
