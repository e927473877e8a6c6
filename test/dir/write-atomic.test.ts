/**
 * writeFilesAtomically's guarantees about what is already in the output directory: symlinks are
 * never written through, a replaced file keeps its owner and group, an identical file is left alone.
 */
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranslateError } from '../../src/diagnostics/translate-error.js';
import { writeFilesAtomically, type PlannedWrite } from '../../src/6-write/write-atomic.js';
import { makeTree, snapshot } from './helpers.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const plan = (p: string, text: string, mode = 0o640): PlannedWrite => ({ path: p, bytes: bytes(text), mode });

async function refusal(p: Promise<unknown>): Promise<TranslateError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(TranslateError);
  return e as TranslateError;
}

describe('writeFilesAtomically: symlinks inside the output directory', () => {
  it('a symlinked subdirectory: OUT_DIR_SYMLINK before anything is written, its target untouched', async () => {
    const root = makeTree({ 'elsewhere/server.cfg': 'theirs\n', 'out/a.cfg': 'old a\n' });
    symlinkSync('../elsewhere', path.join(root, 'out/sub'));
    const before = snapshot(root);
    // The first planned file is fine; the refusal still comes before it is written.
    const e = await refusal(writeFilesAtomically(path.join(root, 'out'), [plan('a.cfg', 'new a\n'), plan('sub/server.cfg', 'ours\n')]));
    expect(e.code).toBe('OUT_DIR_SYMLINK');
    expect(e.file).toBe(path.join(root, 'out/sub'));
    expect(e.message).toMatch(/Remove the link or choose another --out/);
    expect(snapshot(root)).toEqual(before);
  });

  it('a symlink deeper down (sub/deeper -> elsewhere) is refused too; a missing subdirectory is created as a real one', async () => {
    const root = makeTree({ 'elsewhere/x.cfg': 'theirs\n', 'out/sub/keep': 'k\n' });
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'out/sub/deeper'));
    const e = await refusal(writeFilesAtomically(path.join(root, 'out'), [plan('sub/deeper/x.cfg', 'ours\n')]));
    expect(e.code).toBe('OUT_DIR_SYMLINK');
    expect(readFileSync(path.join(root, 'elsewhere/x.cfg'), 'utf8')).toBe('theirs\n');

    await writeFilesAtomically(path.join(root, 'out'), [plan('new/dir/y.cfg', 'y\n')]);
    expect(lstatSync(path.join(root, 'out/new/dir')).isDirectory()).toBe(true);
  });

  it('a symlink at the file path itself is replaced by the file; the file it pointed to is untouched', async () => {
    const root = makeTree({ 'elsewhere/server.cfg': 'theirs\n', 'out/keep': 'k\n' });
    symlinkSync('../elsewhere/server.cfg', path.join(root, 'out/server.cfg'));
    const outcome = await writeFilesAtomically(path.join(root, 'out'), [plan('server.cfg', 'ours\n')]);
    expect(outcome.written).toEqual(['server.cfg']);
    const st = lstatSync(path.join(root, 'out/server.cfg'));
    expect(st.isSymbolicLink()).toBe(false);
    expect(st.isFile()).toBe(true);
    expect(readFileSync(path.join(root, 'out/server.cfg'), 'utf8')).toBe('ours\n');
    expect(readFileSync(path.join(root, 'elsewhere/server.cfg'), 'utf8')).toBe('theirs\n');
  });

  it('a failed run puts a replaced symlink back as the link it was', async () => {
    const root = makeTree({ 'elsewhere/a.cfg': 'theirs\n', 'out/z.cfg/keep': 'a directory in the way\n' });
    symlinkSync('../elsewhere/a.cfg', path.join(root, 'out/a.cfg'));
    const e = await refusal(writeFilesAtomically(path.join(root, 'out'), [plan('a.cfg', 'ours\n'), plan('z.cfg', 'z\n')]));
    expect(e.code).toBe('WRITE_FAILED');
    expect(readlinkSync(path.join(root, 'out/a.cfg'))).toBe('../elsewhere/a.cfg');
    expect(readFileSync(path.join(root, 'elsewhere/a.cfg'), 'utf8')).toBe('theirs\n');
    expect(readdirSync(path.join(root, 'out')).sort()).toEqual(['a.cfg', 'z.cfg']);
  });
});

describe('writeFilesAtomically: replacing existing files', () => {
  it.runIf(process.getuid?.() === 0)('keeps the owner and group of a replaced file (root:daemon stays root:daemon)', async () => {
    const out = makeTree({ 'server.cfg': 'old\n', 'other.cfg': 'old\n' });
    chownSync(path.join(out, 'server.cfg'), 0, 1);
    chownSync(path.join(out, 'other.cfg'), 2, 2);
    await writeFilesAtomically(out, [plan('server.cfg', 'new\n'), plan('other.cfg', 'new\n', 0o600), plan('fresh.cfg', 'new\n')]);
    const server = statSync(path.join(out, 'server.cfg'));
    expect([server.uid, server.gid, server.mode & 0o7777]).toEqual([0, 1, 0o640]);
    const other = statSync(path.join(out, 'other.cfg'));
    expect([other.uid, other.gid, other.mode & 0o7777]).toEqual([2, 2, 0o600]);
    expect(readFileSync(path.join(out, 'other.cfg'), 'utf8')).toBe('new\n');
    // A new file belongs to whoever runs the tool.
    expect(statSync(path.join(out, 'fresh.cfg')).gid).toBe(process.getgid!());
  });

  it('leaves a file that already holds the same bytes and mode alone (same inode), and says so', async () => {
    const out = makeTree({ 'same.cfg': 'same\n', 'differs.cfg': 'old\n', 'mode.cfg': 'same\n' });
    chmodSync(path.join(out, 'same.cfg'), 0o640);
    chmodSync(path.join(out, 'mode.cfg'), 0o644);
    const inode = (f: string) => statSync(path.join(out, f)).ino;
    const before = { same: inode('same.cfg'), differs: inode('differs.cfg'), mode: inode('mode.cfg') };
    const outcome = await writeFilesAtomically(out, [plan('differs.cfg', 'new\n'), plan('mode.cfg', 'same\n'), plan('same.cfg', 'same\n')]);
    expect(outcome).toEqual({ written: ['differs.cfg', 'mode.cfg'], unchanged: ['same.cfg'], notices: [] });
    expect(inode('same.cfg')).toBe(before.same);
    expect(inode('differs.cfg')).not.toBe(before.differs);
    expect(inode('mode.cfg')).not.toBe(before.mode);
    expect(statSync(path.join(out, 'mode.cfg')).mode & 0o7777).toBe(0o640);
    expect(readdirSync(out).sort()).toEqual(['differs.cfg', 'mode.cfg', 'same.cfg']);
  });
});
