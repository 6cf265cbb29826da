// A read-only file system for a test: a tmpfs mounted read-only (root only, where `mount` is allowed). Where it
// is not, tests that need one are skipped with a message instead of failing.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/** Mounts a read-only tmpfs at `folder` (made first); false, with the reason on stderr, where that is not allowed. */
export function mountReadOnly(folder: string): boolean {
  mkdirSync(folder, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', folder], { encoding: 'utf8' });
  if (mounted.status === 0) return true;
  console.warn(`skipping the read-only file system tests: mount -o ro is not allowed here (${(mounted.stderr || String(mounted.error)).trim()})`);
  return false;
}

export function unmount(folder: string): void {
  spawnSync('umount', [folder]);
}
