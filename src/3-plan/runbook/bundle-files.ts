import type { FileTranslation } from '../../types.js';

/**
 * One file the bundle installs on the host: the place it goes, its copy in the bundle, its mode,
 * and the services that must reload it once it is there. The configure phase installs every one
 * (backing up what was there first); the way back restores them. Host files other than
 * /etc/kopano (Postfix, cron, AppArmor, …) plug in as more entries of the same list.
 */
export interface BundleFile {
  /** Absolute path on the mail server. */
  hostPath: string;
  /** Path inside the bundle directory: `files/` + the host path without its leading `/`. */
  bundlePath: string;
  /** Permission bits the bundle's copy has (never wider than the file it came from). */
  mode: number;
  /** Services to reload after the file is installed (none when the service starts later anyway). */
  reload: readonly string[];
}

/** Where a lone configuration directory lives on the host, and where its translation goes. */
export const ZARAFA_ETC = '/etc/zarafa';
export const KOPANO_ETC = '/etc/kopano';

export function bundlePathOf(hostPath: string): string {
  return `files${hostPath}`;
}

/**
 * The bundle's files for a lone /etc/zarafa directory: each translated file at its path under
 * /etc/kopano (the web clients' config.php too, under webapp/ and z-push/). `modes` gives each
 * output path's mode; an unknown one is 0640 (configuration files hold passwords).
 */
export function loneDirBundleFiles(files: readonly Pick<FileTranslation, 'target'>[], modes?: ReadonlyMap<string, number>): BundleFile[] {
  const seen = new Set<string>();
  const out: BundleFile[] = [];
  for (const f of files) {
    if (seen.has(f.target)) continue;
    seen.add(f.target);
    const hostPath = `${KOPANO_ETC}/${f.target}`;
    out.push({ hostPath, bundlePath: bundlePathOf(hostPath), mode: modes?.get(f.target) ?? 0o640, reload: [] });
  }
  return out;
}
