#!/usr/bin/env node
// Writes docs/host.md from the file kinds (HOST_KINDS in src/host/kinds/index.ts) and the ZCP name
// tables (src/host/zcp-names.ts), read from the build in dist/. `npm run gen:docs:host` builds and
// writes it; `--check` exits 1 when the committed file differs; test/host/docs.test.ts compares too.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HOST_DOC_PATH = join(repo, 'docs/host.md');

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
const code = (s) => `\`${String(s).replace(/`/g, "'")}\``;

/** The Markdown of docs/host.md for the kinds and the name tables. */
export function renderHostDoc(kinds, names) {
  const out = [
    '# The host around /etc/zarafa (`--root`)',
    '',
    '<!-- Generated from the file kinds (src/host/kinds/) and the name tables (src/host/zcp-names.ts) by scripts/build-host-doc.mjs: npm run gen:docs:host. Do not edit. -->',
    '',
    '`zarafa2kopano --root ROOT` (API: `translateHost(root, options)`) translates `ROOT/etc/zarafa` exactly as',
    '`zarafa2kopano ROOT/etc/zarafa` does, and every file around it that one of the kinds below claims. ROOT is a',
    'host\'s root or a copy of its files (`rsync -a host:/etc ROOT/etc`); it is only read. Every path is',
    'root-relative: the daemon files go to `etc/kopano/…`, the others stay where they are or move as the kind says.',
    '`--out OUT` mirrors ROOT and holds every file that changes or is new (each with the mode and owner of the file',
    'it was made from), written all or nothing. The diff has git headers: with `--show-secrets` it applies inside a',
    'copy of ROOT with `git apply` or `patch -p1` and gives the files of OUT. `--check` compares with OUT, or',
    'without `--out` with ROOT itself, so a run on an already translated host finds nothing to do.',
    '',
    'Each kind is data and small functions (`src/host/kind.ts`): the paths it claims (fast-glob patterns relative',
    'to ROOT), a lossless parse (`print(parse(x)) === x`), the edits it plans (tokens of single lines, each with a',
    'rule id and a reason), and where the result goes. Comments are left as they are. After the kinds, any line',
    'under `ROOT/etc` that still names a ZCP program, path, unit or variable and that no kind decided on is a',
    '`HOST_REFERENCE_LEFT` warning at file:line (data the translation keeps under `/var/lib/zarafa` aside).',
    '',
    'The runbook gets the host steps: `host:backup` (every original replaced or removed, before anything changes),',
    '`host:translate` (while ZCP is still installed), `host:install` and `host:remove-packaged` in the configure',
    'phase, `host:reload` (systemd daemon-reload, postfix, the web server) and `host:delivery-test` after the start.',
    '',
    '## Kinds',
    '',
  ];
  for (const k of kinds) {
    out.push(`### ${k.id}: ${k.title}`, '');
    out.push(`- Claims: ${k.claims.map(code).join(', ')}`);
    if (k.reload.length > 0) out.push(`- Reloaded: ${k.reload.map(code).join(', ')}`);
    out.push('', '| ZCP | Kopano | source |', '| --- | --- | --- |');
    for (const m of k.mappings) out.push(`| ${cell(m.old)} | ${cell(m.new)} | ${cell(m.source)} |`);
    out.push('');
  }
  out.push('## Programs', '', 'A program named by path (`/usr/bin`, `/usr/sbin`, `/usr/local/bin`) or alone, and a unit `zarafa-x.service`:', '',
    '| ZCP | Kopano | source |', '| --- | --- | --- |');
  for (const m of names.tools) out.push(`| ${cell(m.old)} | ${cell(m.new)} | ${cell(m.source)} |`);
  out.push('', '## Paths', '', 'Directories that moved with the packages (the attachments, the index and other data under `/var/lib/zarafa` stay where the translation keeps them), and the server\'s socket files:', '',
    '| ZCP | Kopano | source |', '| --- | --- | --- |');
  for (const m of [...names.paths, ...names.sockets]) out.push(`| ${cell(m.old)} | ${cell(m.new)} | ${cell(m.source)} |`);
  out.push('');
  return out.join('\n');
}

async function main() {
  const dist = (p) => import(pathToFileURL(join(repo, 'dist', p)).href);
  const { HOST_KINDS } = await dist('host/kinds/index.js');
  const { TOOL_MAPPINGS, ZCP_PATHS, ZCP_SOCKETS } = await dist('host/zcp-names.js');
  const text = renderHostDoc(HOST_KINDS, { tools: TOOL_MAPPINGS, paths: ZCP_PATHS, sockets: ZCP_SOCKETS });
  if (process.argv.includes('--check')) {
    const current = (() => { try { return readFileSync(HOST_DOC_PATH, 'utf8'); } catch { return ''; } })();
    if (current !== text) {
      process.stderr.write('docs/host.md is stale: run npm run gen:docs:host\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(HOST_DOC_PATH, text);
  process.stdout.write(`wrote ${HOST_DOC_PATH}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
