/** Temp trees for the loader's tests: files, symlinks, directories, FIFOs, under a fresh 0755 root. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Node = string | Buffer | { symlink: string } | { dir: true } | { fifo: true };

export class TmpTree {
  readonly root = mkdtempSync(path.join(tmpdir(), 'z2k-load-'));

  constructor() {
    chmodSync(this.root, 0o755); // uid 65534 may traverse it in the unreadable-directory tests
  }

  /** Create `entries` under `dir` (relative to the root); returns its absolute path. */
  make(dir: string, entries: Record<string, Node>): string {
    const base = path.join(this.root, dir);
    mkdirSync(base, { recursive: true });
    for (const [rel, node] of Object.entries(entries)) {
      const abs = path.join(base, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      if (typeof node === 'string' || Buffer.isBuffer(node)) writeFileSync(abs, node);
      else if ('symlink' in node) symlinkSync(node.symlink, abs);
      else if ('dir' in node) mkdirSync(abs, { recursive: true });
      else execFileSync('mkfifo', [abs]);
    }
    return base;
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
