#!/usr/bin/env node
// Writes docs/rules.md from the rule table (RULES in src/3-plan/rules/index.ts, read from the build in dist/).
// `npm run gen:docs:rules` builds and writes it; `node scripts/build-rules-doc.mjs --check` exits 1 when the
// committed file differs. test/rules/docs.test.ts compares renderRulesDoc(RULES from src) with the file, so
// a rule whose id, files, why or guide text changed without regenerating fails the tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DOC_PATH = join(repo, 'docs/rules.md');

const list = (xs, all) => (xs === undefined || xs === 'all' ? all : xs.map((x) => `\`${x}\``).join(', '));
/** Free text as Markdown: `*` would start emphasis and `<name>` would vanish as an HTML tag. */
const md = (s) => String(s).replace(/\*/g, '\\*').replace(/</g, '&lt;');
const cell = (s) => md(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown of docs/rules.md for `rules` (the table, in the order the rules run). */
export function renderRulesDoc(rules) {
  const out = [
    '# Migration rules',
    '',
    '<!-- Generated from the rule table (src/3-plan/rules/index.ts) by scripts/build-rules-doc.mjs: npm run gen:docs:rules. Do not edit. -->',
    '',
    'Each step of the ZCP → Kopano migration guide is one rule. `translateConfig` runs them in this order on every',
    'file they apply to; every change and warning in a report names the rule that made it.',
    '',
    'Which rules run on a file depends on the source it is detected as, file by file. A ZCP file (7.0, 7.1, 7.2) gets',
    'every rule that applies to its release; the release of the directory is decided by server.cfg, the search file,',
    'presence.cfg and the socket layout, from options only some releases know (set lines weigh more than commented',
    'ones, a size suffix rules out 7.0, absence counts only in a long file), and the other files break ties. Where',
    'files disagree the report has `SOURCE_CONFLICT`; where the releases left open translate differently,',
    '`SOURCE_AMBIGUOUS` names them and `--source`. A file already written for Kopano (Kopano paths or Kopano-only',
    'options, no Zarafa evidence) is `kopano-8.0` or `kopano-8.7`: no ZCP rule runs on it; with the same family as',
    'the target it is left as it is, and `kopano-8.0` for target 8.7 gets only the 8.7 rules. The whole procedure:',
    '[cli.md](cli.md#how-the-source-release-is-detected).',
    '',
    '| # | Rule | Files | Guide step |',
    '|---|---|---|---|',
    ...rules.map((r, i) => `| ${i + 1} | [\`${r.id}\`](#${r.id}) | ${cell(list(r.files, 'all'))} | ${cell(r.guide)} |`),
    '',
  ];
  rules.forEach((r, i) => {
    out.push(
      `## ${r.id}`,
      '',
      `${i + 1}. **${md(r.title)}**`,
      '',
      `- Files: ${list(r.files, 'every daemon file')}`,
      `- Source families: ${list(r.sources, 'all (7.0, 7.1, 7.2)')}`,
      `- Targets: ${list(r.targets, 'all (8.0, 8.7)')}`,
      `- Why: ${md(r.why)}`,
      `- Guide step: ${md(r.guide)}`,
      '',
    );
  });
  return out.join('\n');
}

async function main() {
  const { RULES } = await import(pathToFileURL(join(repo, 'dist/3-plan/rules/index.js')).href);
  const text = renderRulesDoc(RULES);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(RULES_DOC_PATH, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write('docs/rules.md is stale: run npm run gen:docs:rules\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(RULES_DOC_PATH, text);
  process.stdout.write(`wrote ${RULES_DOC_PATH}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
