// Making a folder and the folders above it, one level at a time, with the real reason when that fails. Node's
// recursive mkdir is not used: it says ENOENT when a folder on the way cannot be made for another reason (a
// read-only file system, no permission), and on a file system that refuses new folders while saying ENOENT
// (/proc, /proc/self) it retries forever at full speed.
import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The folder and the missing ones above it made (with `mode`), outermost first. Returns the first folder made,
 * or undefined when it was there; a failure removes the folders this call made and says why, as a file-system
 * error (code, syscall, path). The work is bounded by the number of parts in the path.
 */
export function makeFolders(folder: string, mode?: number): string | undefined {
  const missing: string[] = [];
  for (let place = resolve(folder); !existsSync(place); place = dirname(place)) {
    missing.unshift(place);
    if (dirname(place) === place) break;
  }
  // something else at the folder's name (a file): mkdir says so (EEXIST), as it would have made the folder
  if (missing.length === 0 && !isFolder(resolve(folder))) missing.push(resolve(folder));
  const made: string[] = [];
  for (const place of missing) {
    try {
      mkdirSync(place, { mode });
      made.push(place);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // made meanwhile by someone else (another import making the same folder): it is there, which is what we want
      if (code === 'EEXIST' && isFolder(place)) continue;
      unmakeFolders(made);
      // the folder above is there, yet making this one says it is not: a file system that takes no new folders
      if (code === 'ENOENT' && existsSync(dirname(place))) throw cannotMakeHere(place, error);
      throw error;
    }
  }
  return made[0];
}

/**
 * The folders a `makeFolders(folder)` call made, given what it returned (the first folder it made): outermost
 * first, none when it made none.
 */
export function madeFolders(folder: string, first: string | undefined): string[] {
  const made: string[] = [];
  for (let place = resolve(folder); first !== undefined; place = dirname(place)) {
    made.unshift(place);
    if (place === first || place === dirname(place)) break;
  }
  return made;
}

/**
 * Removes folders that were made (outermost first, as `madeFolders` lists them), innermost first, each only
 * while it is empty: a folder someone put something into meanwhile is theirs and stays. Never throws.
 */
export function unmakeFolders(made: readonly string[]): void {
  for (const place of [...made].reverse()) {
    try {
      rmdirSync(place);
    } catch {
      // not empty (someone put something there meanwhile), or not ours to remove: left alone
    }
  }
}

function isFolder(place: string): boolean {
  return statSync(place, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The failure as EINVAL ("files cannot be written there"), which is what it means; Node's error is its cause. */
function cannotMakeHere(place: string, cause: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`EINVAL: folders cannot be made here, mkdir '${place}'`, { cause }), { code: 'EINVAL', errno: -22, syscall: 'mkdir', path: place });
}
