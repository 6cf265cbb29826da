// Files the tool writes for the user (reports, charts, the configuration): into a folder that is a real folder,
// never through a symbolic link, and through a temporary file renamed into place, so that a full disk or a
// kill leaves the earlier file or none, never half a file.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError, failureReason, isResourceFailure, systemFailure } from './errors.js';
import { message, phrase, type Phrase } from './i18n/index.js';
import { makeFolders } from './make-folders.js';
import { storeFileAt } from './store/engine.js';
import { unlessStopped, workDone } from './cli/interrupt.js';

/** Where a failure to write `path` belongs: the disk's room or health (exit 3), or the place the user named (exit 2). */
export function outputFailure(error: unknown, path: string): unknown {
  const failure = systemFailure(error);
  if (!failure) return error;
  const details = { location: { file: path }, cause: error };
  if (isResourceFailure(failure.code)) return new OutputError('output.failed', { reason: failureReason(failure.code) }, details);
  return new UsageError('output.unusable', { reason: failureReason(failure.code) }, { ...details, hint: message('hint.output_place') });
}

function refuse(path: string, reason: Phrase): UsageError {
  return new UsageError('output.unusable', { reason }, { location: { file: path }, hint: message('hint.output_place') });
}

/**
 * Makes sure `folder` is a folder the tool may write into: created (with its parents) when missing; refused
 * when it, or what stands at its name, is a symbolic link, a file, a device, a pipe or a socket. Returns the
 * first folder it created (undefined when there was one): a command that then fails removes it (withFolder).
 */
export function outputFolder(folder: string, mode?: number): string | undefined {
  let found: ReturnType<typeof lstatSync>;
  try {
    found = lstatSync(folder, { throwIfNoEntry: false });
  } catch (error) {
    // a file on the way (`--out notes.txt/report`): the place the user named cannot take a folder (exit 2)
    throw outputFailure(error, folder);
  }
  if (found?.isDirectory()) return undefined;
  if (found?.isSymbolicLink()) throw refuse(folder, phrase('file.link'));
  if (found?.isFile()) throw refuse(folder, phrase('file.not_folder'));
  if (found) throw refuse(folder, phrase('file.special'));
  try {
    return makeFolders(folder, mode);
  } catch (error) {
    throw outputFailure(error, folder);
  }
}

/**
 * Runs `work` in `folder` (made when missing, as outputFolder); a failure removes what it made, so no empty
 * folder is left. `work` may return a promise (withFolderAsync): its failure removes the folder as well.
 */
export function withFolder<T>(folder: string, work: () => T): T {
  const made = outputFolder(folder);
  const undo = (error: unknown): never => {
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
    // a failure of the file system that nothing typed yet is the output place's (exit 2) or the disk's (exit 3)
    throw outputFailure(error, (error as NodeJS.ErrnoException).path ?? folder);
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(undo) : result) as T;
  } catch (error) {
    return undo(error);
  }
}

/** withFolder for work that is asynchronous; a refused folder is a rejection, as any other failure. */
export async function withFolderAsync<T>(folder: string, work: () => Promise<T>): Promise<T> {
  return withFolder(folder, work);
}

/**
 * Refuses an output named as the run's store or one of its sidecars (-wal, -shm, -journal), however the name
 * is written: replacing one, or making a file or folder where SQLite puts its log, loses the store.
 */
export function refuseStoreFile(path: string, shown: string, store: string | undefined): void {
  if (store === undefined) return;
  // named as the store itself (a sidecar's name would misread as the store), with no hint: removing it is never the fix
  if (storeFileAt(path, store) !== undefined) throw new UsageError('output.store_file', { store: resolve(store) }, { location: { file: shown } });
}

/** Writes all of `bytes`, however many calls the operating system needs. */
function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * A file written in pieces under a temporary name in its own folder, and put in place only when whole: created
 * exclusively (never an existing file, never through a link planted under its name), and removed by `abort`,
 * so a failure leaves no partial file. Reports, the configuration and rejects files are all written through it.
 * Errors are the system's own; callers map them to their messages.
 */
export class PartialFile {
  private fd: number | null;
  private placed = false;

  constructor(
    readonly temporary: string,
    mode: number,
  ) {
    this.fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  }

  write(piece: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.temporary} is closed`);
    writeAll(this.fd, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  }

  /** Synced to the disk and closed: all that is left is to put it in place. */
  complete(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Synced, closed and renamed to `path`, over what is there; with `replace: false` put there only if nothing
   * is (a hard link, which never overwrites), and false when the name is taken (the file stays, to be placed elsewhere).
   */
  place(path: string, replace = true): boolean {
    this.complete();
    if (replace) renameSync(this.temporary, path);
    else {
      try {
        linkSync(this.temporary, path);
      } catch (error) {
        if (systemFailure(error)?.code === 'EEXIST') return false;
        throw error;
      }
      rmSync(this.temporary, { force: true });
    }
    this.placed = true;
    return true;
  }

  /** Closes and removes the temporary file unless it was placed; never throws, so every other clean-up still runs. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already failing: the error that brought us here is the one reported
      }
      this.fd = null;
    }
    if (!this.placed) rmSync(this.temporary, { force: true });
  }
}

/**
 * Refuses a place a file cannot be written to: a symbolic link at `path` (unless `replaceLink`), a folder, a
 * device, a pipe or a socket. Writers of several files check every place first, so a refusal writes nothing.
 */
export function checkFilePlace(path: string, replaceLink = false): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink() && !replaceLink) throw refuse(path, phrase('file.link'));
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw refuse(path, existing.isDirectory() ? phrase('file.is_folder') : phrase('file.special'));
}

/** The longest file name most file systems take, in bytes (ext4, XFS, Btrfs, APFS, NTFS in UTF-16 units). */
const NAME_MAX = 255;

/**
 * The temporary file's name for a file named `name`: `.<name>.<12 random hex digits>.partial`, with `<name>`
 * cut at a character boundary where the whole would pass NAME_MAX bytes, so that every name a file can have
 * can be written (a name of 234 to 255 bytes was refused as too long). The random part keeps it unique; the
 * file is created exclusively all the same.
 */
export function temporaryName(name: string): string {
  const random = randomBytes(6).toString('hex');
  const room = NAME_MAX - Buffer.byteLength(`..${random}.partial`);
  let kept = name;
  if (Buffer.byteLength(name) > room) {
    kept = '';
    for (const character of name) {
      if (Buffer.byteLength(kept + character) > room) break;
      kept += character;
    }
  }
  return `.${kept}.${random}.partial`;
}

/**
 * `content` (one text, bytes, or text in pieces) written to a temporary file beside `path`, not yet in place
 * (PartialFile.place puts it there). A symbolic link at `path` is refused (exit 2), the link and what it points
 * to left as they are, unless `replaceLink` (`init --force`): then the link itself is replaced, never followed.
 * A folder there is refused. `mode` is the new file's permissions (before the umask).
 */
export function stageFile(path: string, content: string | Uint8Array | Iterable<string>, mode = 0o666, replaceLink = false): PartialFile {
  const file = openStaged(path, mode, replaceLink);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) file.write(content);
    // Pieces are encoded one at a time: a large report is never held whole as a string and as bytes.
    else for (const piece of content) file.write(piece);
    // synced now, so that putting it in place (after unlessStopped) is a rename and nothing more
    file.complete();
  } catch (error) {
    throw stagingFailed(file, error, path);
  }
  return file;
}

/** stageFile for text in pieces made as it is written, with pauses between them (src/pace.ts): a stop ends it there. */
export async function stagePieces(path: string, pieces: AsyncIterable<string>): Promise<PartialFile> {
  const file = openStaged(path, 0o666, false);
  try {
    for await (const piece of pieces) file.write(piece);
    file.complete();
  } catch (error) {
    throw stagingFailed(file, error, path);
  }
  return file;
}

/** The temporary file beside `path` that stageFile writes, `path` checked first (checkFilePlace). */
function openStaged(path: string, mode: number, replaceLink: boolean): PartialFile {
  checkFilePlace(path, replaceLink);
  const temporary = join(dirname(path), temporaryName(basename(path)));
  try {
    return new PartialFile(temporary, mode);
  } catch (error) {
    // No new file in a folder that is there (/proc, /sys): a place that takes no files, not a missing one.
    if (systemFailure(error)?.code === 'ENOENT' && lstatSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) throw refuse(path, phrase('file.not_here'));
    throw outputFailure(error, path);
  }
}

/** A staged file that could not be written whole: removed, and the failure worded for `path`. */
function stagingFailed(file: PartialFile, error: unknown, path: string): unknown {
  file.abort();
  return outputFailure(error, path);
}

/** Staged files, each with the path it goes to. */
export type StagedFiles = ReadonlyArray<readonly [PartialFile, string]>;

/** Puts every staged file in place (synced, then renamed); a failure removes the temporary files not yet placed. */
function placeAll(staged: StagedFiles): void {
  for (const [file, path] of staged) {
    try {
      file.place(path);
    } catch (error) {
      for (const [other] of staged) other.abort();
      throw outputFailure(error, path);
    }
  }
}

/** Removes the temporary files of staged files not placed; `staging` failed or was stopped part of the way. */
export function abortStaged(staged: StagedFiles): void {
  for (const [file] of staged) file.abort();
}

/**
 * Writes `content` to `path` through a temporary file beside it (stageFile), synced and then renamed over
 * `path`: a reader sees the old file or the new one, never half of it.
 */
export function writeFileAtomically(path: string, content: string | Uint8Array | Iterable<string>, mode = 0o666, replaceLink = false): void {
  placeAll([[stageFile(path, content, mode, replaceLink), path]]);
}

/**
 * Puts the staged files in place, unless a stop signal came while they were made (unlessStopped): then none
 * is, their temporary files are removed and the run ends with 128 + the signal's number. For what a user
 * asked for (a report, a table with --out), so that nothing new appears after Ctrl-C.
 */
export async function placeUnlessStopped(staged: StagedFiles): Promise<void> {
  try {
    await unlessStopped();
  } catch (error) {
    abortStaged(staged);
    throw error;
  }
  placeAll(staged);
  // in place: a stop signal from now on leaves the run to end with its own code
  workDone();
}
