import { commentedSettingOf } from '../cfg/model.js';
import type { LoadedDir } from '../1-load/loaded-tree.js';
import { daemonFileOf } from '../options/files.js';
import { dialectOf, knowsOption } from '../options/table.js';
import { TARGETS } from '../targets.js';
import type { Target } from '../types.js';
import type { ParseFile } from './parsed-files.js';
import { classifyKopanoFile } from './detect-kopano.js';
import { markerTagOf } from '../cfg/edit.js';

/** A comment this tool wrote above a line it commented out (tagged or not): the line below is not the installer's. */
const isOwnMarker = (raw: string): boolean => markerTagOf(raw) !== undefined || raw.startsWith('# zarafa2kopano: ');

/** One thing the installed files show that only some targets have. */
export interface TargetFinding {
  /** Path in the Kopano directory, and the line. */
  file: string;
  line: number;
  /** What was seen, as a sentence tail: `sets server_listen`. */
  text: string;
  /** The targets it fits. */
  fits: readonly Target[];
}

/** The target the installed Kopano files were written for, and why. */
export interface TargetDetection {
  /** Undefined when the files say nothing (no Kopano option or marker only some targets have) or tie. */
  target: Target | undefined;
  findings: TargetFinding[];
}

/**
 * Reads the target off the installed Kopano files (`--kopano-dir`): every option name the files
 * written for Kopano set or show commented out (not lines this tool commented out) that the option
 * tables of some targets know and others do not, and every
 * `!include`/`!propmap` argument a target's table marks (8.7's /usr/share/kopano/). The target the
 * most findings fit wins; a tie decides nothing.
 */
export function detectTarget(dir: LoadedDir, parse: ParseFile): TargetDetection {
  const findings: TargetFinding[] = [];
  const ids = TARGETS.map((t) => t.id);
  for (const path of [...dir.files.keys()].sort()) {
    const daemon = daemonFileOf(path);
    if (!daemon) continue;
    const doc = parse(path, dialectOf(daemon, '8.7'));
    // Option names count only in files written for Kopano (a ZCP file there says nothing of the install).
    const kopanoEra = classifyKopanoFile(path, doc, daemon).family !== undefined;
    const seen = new Set<string>();
    for (const [i, line] of doc.lines.entries()) {
      if (line.kind === 'directive') {
        const fits = TARGETS.filter((t) => t.directiveMarks.some((m) => m.test(line.arg))).map((t) => t.id);
        if (fits.length > 0 && fits.length < ids.length) findings.push({ file: path, line: line.number, text: `has !${line.name} ${line.arg}`, fits });
        continue;
      }
      if (!kopanoEra) continue;
      const active = line.kind === 'setting' ? line : undefined;
      // A line this tool commented out is the ZCP file's, not the installed release's.
      const setting = active ?? (i > 0 && isOwnMarker(doc.lines[i - 1]!.raw) ? undefined : commentedSettingOf(line));
      if (!setting || seen.has(setting.key)) continue;
      seen.add(setting.key);
      const fits = ids.filter((t) => knowsOption(daemon, t, setting.key));
      if (fits.length === 0 || fits.length === ids.length) continue;
      findings.push({ file: path, line: line.number, text: `${active ? 'sets' : 'shows'} ${setting.key}`, fits });
    }
  }
  const score = new Map(ids.map((t) => [t, findings.filter((f) => f.fits.includes(t)).length]));
  const best = Math.max(0, ...score.values());
  const top = ids.filter((t) => score.get(t) === best);
  return { target: best > 0 && top.length === 1 ? top[0] : undefined, findings };
}

/** Up to `n` findings that fit `target` and not `other`, as `file:line text`. */
export function findingsAgainst(d: TargetDetection, target: Target, other: Target | undefined, n = 3): TargetFinding[] {
  return d.findings.filter((f) => f.fits.includes(target) && (other === undefined || !f.fits.includes(other))).slice(0, n);
}
