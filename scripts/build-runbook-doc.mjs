#!/usr/bin/env node
// Writes docs/runbook.md: what each runbook phase does and why, then the bundled sample's runbook
// as the example, both taken from the build in dist/ (`npm run gen:docs:runbook` builds and writes).
// test/runbook/docs.test.ts renders the same from src/ and fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RUNBOOK_DOC_PATH = join(repo, 'docs/runbook.md');
export const SAMPLE_DIR = join(repo, 'fixtures/sample/etc/zarafa');

/**
 * The Markdown of docs/runbook.md.
 * @param {{ phases: readonly string[], info: Record<string, { title: string, why: string }>, sample: string }} input
 *   the phases in order, what each is for, and the sample's Markdown runbook
 */
export function renderRunbookDoc({ phases, info, sample }) {
  const demoted = sample.replace(/^(#+) /gm, '#$1 ').trimEnd();
  return [
    '# The migration runbook',
    '',
    '<!-- Generated from src/3-plan/runbook/phases.ts and the bundled sample by scripts/build-runbook-doc.mjs: npm run gen:docs:runbook. Do not edit. -->',
    '',
    'The translated files are half of a migration. The runbook is the other half: every step for this host, in',
    'an order that loses nothing. `--runbook FILE.md` writes it as a document, `--runbook FILE.sh` as a bash',
    'script (one function per step; nothing runs without step names or `--all`; `--dry-run` prints what each',
    'step would run; the package family is detected or given with `--family apt|dnf|yum|zypper`). The same',
    'steps are the `actions` of `--json`, each with its `phase`.',
    '',
    '## Phases',
    '',
    '| # | phase | what and why |',
    '| --- | --- | --- |',
    ...phases.map((p, i) => `| ${i + 1} | \`${p}\`: ${info[p].title} | ${info[p].why} |`),
    '',
    'A runbook numbers only the phases that have steps for its host (a host without LDAP has no `directory`',
    'phase, and its `start` phase is number 8).',
    '',
    'Ordering rules the tests check on every fixture (test/runbook/order.test.ts) and corpus directory: backups',
    'before the removal, copies out of the ZCP tree before the removal, the database upgrade path of ZCP 7.0/7.1',
    'before the target is installed, a move of the attachments before their chown.',
    '',
    '## A step',
    '',
    '- `id`: stable; the shell function is named after it, and the operator runs it by this name or its number.',
    '- `phase`, `reason` (why), `command` (the same everywhere) or `commands` (`apt`, `dnf` — also used with yum —',
    '  and `zypper`), `check` (a read-only condition that holds once the step is done: the script skips the step),',
    '  `optional` (left out of `--all`), `paths`, `from` (the file, line and setting the step comes from; none on',
    '  a step for the whole host that several files call for, such as creating the user the daemons run as).',
    '- No step holds a secret. A database password is read on the host, from the ZCP file that sets it, into an',
    '  option file created with umask 077 and removed when the dump ends (`--defaults-extra-file`); the',
    '  subscription serial stays `<KOPANOSERIAL>` until the operator sets `KOPANOSERIAL` for the script.',
    '',
    '## Example: the bundled sample',
    '',
    'The runbook of `fixtures/sample/etc/zarafa` (ZCP 7.2, default options):',
    '',
    demoted,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = join(repo, 'dist');
  const { translateConfigDir } = await import(pathToFileURL(join(dist, 'api/translate-dir.js')).href);
  const { renderRunbookMarkdown } = await import(pathToFileURL(join(dist, 'report/render-runbook-md.js')).href);
  const { PHASE_INFO } = await import(pathToFileURL(join(dist, '3-plan/runbook/phases.js')).href);
  const { ACTION_PHASES } = await import(pathToFileURL(join(dist, 'types.js')).href);
  const result = await translateConfigDir(SAMPLE_DIR, {});
  const text = renderRunbookDoc({ phases: ACTION_PHASES, info: PHASE_INFO, sample: renderRunbookMarkdown(result, { zarafaDir: 'sample' }) });
  writeFileSync(RUNBOOK_DOC_PATH, text);
  console.log(`wrote ${RUNBOOK_DOC_PATH}`);
}
