import type { Rule } from '../src/3-plan/rule.js';

/** Path of docs/rules.md. */
export const RULES_DOC_PATH: string;
/** The Markdown of docs/rules.md for `rules`. */
export function renderRulesDoc(rules: readonly Rule[]): string;
