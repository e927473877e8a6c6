import type { Rule } from '../src/rules/rule.js';

/** Path of docs/rules.md. */
export const RULES_DOC_PATH: string;
/** The Markdown of docs/rules.md for `rules`. */
export function renderRulesDoc(rules: readonly Rule[]): string;
