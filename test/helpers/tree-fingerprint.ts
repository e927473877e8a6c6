import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Every entry below `dir`: kind, permission bits and a hash of the bytes (or the link target).
 * Two equal fingerprints mean nothing was added, removed, changed or chmod-ed. Symlinks are not
 * followed, so a link out of the tree is recorded, never read.
 */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, r);
      const st = lstatSync(abs);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[r] = `link ${readlinkSync(abs)}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${mode}`;
        walk(r);
      } else if (st.isFile()) out[r] = `file ${mode} ${createHash('sha256').update(readFileSync(abs)).digest('hex')}`;
      else out[r] = `special ${mode}`;
    }
  };
  walk('');
  return out;
}
