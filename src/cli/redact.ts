import { daemonFileOf, dialectOf, type TableVersion } from '../options/index.js';
import { maskSecrets } from '../secrets/mask.js';
import type { DirTranslation } from '../types.js';

/**
 * A copy of `dir` whose file `input`/`output` texts have secret values masked, for printing.
 * (The API returns real values; diffs and changes are masked already.) A file read only through
 * an include is masked against every daemon's secrets, since its name says nothing.
 */
export function redactDirTranslation(dir: DirTranslation): DirTranslation {
  return {
    ...dir,
    files: dir.files.map((f) => {
      const daemon = daemonFileOf(f.source);
      const inDialect = daemon ? dialectOf(daemon, dir.source.version as TableVersion) : 'cpp';
      const outDialect = daemon ? dialectOf(daemon, dir.target) : 'cpp';
      return { ...f, input: maskSecrets(f.input, daemon, inDialect), output: maskSecrets(f.output, daemon, outDialect) };
    }),
  };
}
