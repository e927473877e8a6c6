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
export function renderHostDoc(kinds, names, areas) {
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
    `of a text file under ${areas.map((a) => code(`ROOT/${a.dir}`)).join(' or ')} (read as the kinds' files are: inside ROOT, no symlink out`,
    'of it followed, size-capped, binary files skipped) that still names a ZCP program, path, unit or variable and',
    'that no kind decided on is a `HOST_REFERENCE_LEFT` warning at file:line (data the translation keeps under',
    '`/var/lib/zarafa` aside). The crontab spool holds the other users\' crontabs (root\'s is the cron kind\'s);',
    '`/usr/share/z-push` is the package\'s own code apart from the config.php files the z-push kind reads, and the',
    'dagent and spooler plugin links under `/var/lib` are the runbook\'s `host:plugin-links` step.',
    '',
    '`--root ROOT --bundle DIR` makes the bundle for the mail server (docs/runbook.md): `files/<host path>` holds',
    'every file the run writes (`etc/postfix/master.cf` → `files/etc/postfix/master.cf`), and `INPUTS.sha256` lists',
    'the files of `/etc/zarafa` and every other host file a kind changes or removes, so `runbook.sh` stops before',
    'its first step when one of them changed since. Nothing is translated on the mail server: the runbook backs up',
    'every host file it replaces or removes (`prepare:files`), installs the bundle\'s files with the /etc/kopano ones',
    '(`configure:install`), removes the files the Kopano packages supersede (`host:remove-packaged`), and makes',
    'the services that read them read them again (`host:reload`: systemd daemon-reload, AppArmor, the web server,',
    'Postfix with its `defer_transports` hold set again, so the mail stays deferred until Kopano runs). `--rollback`',
    'restores every one of them (`rollback:files`, then `rollback:reload`), and removes the directories the install',
    'made for them once they are empty again (never one that was there before). A kind that delivers to the dagent',
    '(fetchmail\'s mda) makes its service part of the mail intake: stopped with ZCP\'s in `stop:intake` (where it',
    'runs), started again in `start:release-queue`, and the same on the way back. `host:forward-check` lists the',
    '`~/.forward` files in the prepare phase; `host:delivery-test` sends a message through the MTA once the mail',
    'held since the stop is released (`start:delivery-test` has delivered through kopano-dagent before that).',
    '',
    'Z-Push 2.2\'s files are not rewritten: the settings they changed go into the files of Z-Push 2.3 and later,',
    'edited in place where the root has them, else by the runbook once z-push-kopano is installed, with the names',
    'and defaults read upstream (docs/cli.md, "Z-Push 2.2 → 2.3 and later").',
    '',
    '## Kinds',
    '',
  ];
  for (const k of kinds) {
    out.push(`### ${k.id}: ${k.title}`, '');
    out.push(`- Claims: ${k.claims.map(code).join(', ')}`);
    if (k.reload.length > 0) out.push(`- Reloaded: ${k.reload.map(code).join(', ')}`);
    if (k.creates) out.push(`- Made where missing (when ROOT has ${code(k.creates.probe)}): ${k.creates.paths.map(code).join(', ')}`);
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
  const { LEFTOVER_AREAS } = await dist('1-load/load-host.js');
  const text = renderHostDoc(HOST_KINDS, { tools: TOOL_MAPPINGS, paths: ZCP_PATHS, sockets: ZCP_SOCKETS }, LEFTOVER_AREAS);
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
