// The runbook over the corpus, against the BUILT library: every directory of the corpus that holds
// daemon .cfg files is translated as a whole (source detected), and its steps must keep the
// ordering rules (test/runbook/order-rules.mjs) and name no secret value of the input on any command line.
// A directory the translation refuses (bad input) is counted as skipped, with the reason.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { orderProblems } from '../../runbook/order-rules.mjs';

function dirsWithConfigs(dir, lib, out = []) {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && lib.daemonFileOf(e.name))) out.push(dir);
  for (const e of entries) if (e.isDirectory()) dirsWithConfigs(join(dir, e.name), lib, out);
  return out;
}

const SECRET_LINE = /^[ \t]*([\w-]*(?:password|passwd|_pass|secret)[\w-]*)[ \t]*=[ \t]*(\S.*?)[ \t\r]*$/gm;

export default async function runbook({ corpusDir, dist }) {
  const lib = await import(pathToFileURL(dist).href);
  const out = { name: 'runbook', passed: 0, failed: 0, lines: [] };
  let skipped = 0;
  for (const dir of dirsWithConfigs(corpusDir, lib)) {
    const label = relative(corpusDir, dir) || '.';
    let result;
    try {
      result = await lib.translateConfigDir(dir, {});
    } catch (e) {
      skipped++;
      out.lines.push(`skipped ${label}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const problems = orderProblems(result.actions);
    // A secret that is one lowercase word ("zarafa", "presence") is also a package, path or user
    // name on every command line: only values that could not be such a name are looked for.
    const secrets = result.files.flatMap((f) => [...f.input.matchAll(SECRET_LINE)].map((m) => m[2]).filter((v) => v.length > 3 && !/^[a-z]+$/.test(v)));
    const commands = result.actions.map((a) => [a.command ?? '', a.check ?? '', ...Object.values(a.commands ?? {})].join('\n')).join('\n');
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const s of secrets) {
      if (new RegExp(`(?<![\\w-])${escape(s)}(?![\\w-])`).test(commands)) problems.push(`a secret value of the input is on a command line`);
    }
    if (problems.length === 0) out.passed++;
    else {
      out.failed++;
      out.lines.push(`${label}: ${[...new Set(problems)].join('; ')}`);
    }
  }
  out.lines.push(`${out.passed + out.failed} directories planned, ${skipped} skipped`);
  return out;
}
