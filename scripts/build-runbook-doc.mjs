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
    'an order that loses nothing, and the way back. It travels in the bundle (`zarafa2kopano --bundle DIR`, the',
    'procedure in the README): `runbook.sh` and `runbook.md` beside `files/` (the reviewed files, at their host',
    'paths), `MANIFEST.sha256` (their checksums) and `INPUTS.sha256` (the checksums of the host files they were',
    'made from). On the mail server the script needs bash, coreutils, tar and sha256sum; it never runs',
    'zarafa2kopano. `--runbook FILE.md|FILE.sh` writes the runbook alone; the same steps are the `actions` of',
    '`--json`, each with its `phase`. Made with `--root ROOT` (docs/host.md), the bundle also carries every host',
    'file the run writes (Postfix, fetchmail, cron, systemd drop-ins, the web server, AppArmor, …): they are',
    'backed up, installed and restored like the /etc/kopano files, the files the Kopano packages supersede are',
    'removed (and put back by the way back), and the services that read them reload.',
    '',
    '## Running runbook.sh',
    '',
    '- Nothing runs without step names, `--all` or `--rollback`; `--dry-run` prints what each step would run;',
    '  `--list` numbers the steps; the package family is detected or given with `--family apt|dnf|yum|zypper`.',
    '- Before the first step it checks the bundle against `MANIFEST.sha256` and the host\'s files against',
    '  `INPUTS.sha256`; a file changed since the bundle was made stops it (translate again).',
    '- `--all` stops at the first step a person must act on (no command, or a decision after its command) with',
    '  exit status 3 and prints the `--from STEP` to go on with; a failing step stops it with its id and the',
    '  command that failed (exit status 1). Progress is kept in `/root/zarafa2kopano/runbook.state`; a re-run',
    '  skips what is recorded there or what a step\'s check says is done.',
    '- `--rollback` runs the way back (the rollback phase), which `--all` never runs.',
    '- `--root DIR` runs the file steps (backups, the bundle\'s files, their restore) under DIR and skips the',
    '  package, service and database steps, each with a line saying so: a rehearsal on a copy of the host\'s',
    '  files, without a mail server.',
    '- Environment: `KOPANOSERIAL` (the subscription serial, only when Kopano\'s repository is needed because the',
    '  distribution does not offer the target) and `TEST_RECIPIENT` (the user the delivery test delivers to).',
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
    'before the target is installed, a move of the attachments before their chown. The runbook\'s own order: the',
    'upgrade path (a decision) first of all; mail intake held before the dump, the dump before zarafa-server',
    'stops; kopano-server first in safe mode, the users checked, safe mode off; a test delivery before the mail',
    'held since the stop is released.',
    '',
    '## A step',
    '',
    '- `id`: stable; the shell function is named after it, and the operator runs it by this name or its number.',
    '- `phase`, `reason` (why), `command` (the same everywhere) or `commands` (`apt`, `dnf` — also used with yum —',
    '  and `zypper`), `check` (a read-only condition that holds once the step is done: the script skips the step),',
    '  `optional` (left out of `--all`), `scope: files` (runs under `--root`), `pause` (a person decides after its',
    '  command), `paths`, `from` (the file, line and setting the step comes from; none on a step for the whole',
    '  host that several files call for, such as creating the user the daemons run as).',
    '- No step holds a secret. A database password is read on the host, from the ZCP file that sets it, into an',
    '  option file created with umask 077 and removed when the dump ends (`--defaults-extra-file`); the',
    '  subscription serial is read from `KOPANOSERIAL` at run time. runbook.sh and runbook.md are written 0600.',
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
