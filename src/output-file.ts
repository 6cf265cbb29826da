// Files the tool writes for the user (reports, charts, the configuration): into a folder that is a real folder,
// never through a symbolic link, and through a temporary file renamed into place, so that a full disk or a
// kill leaves the earlier file or none, never half a file.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError, UsageError, failureReason, isResourceFailure, systemFailure } from './errors.js';
import { message, phrase, type Phrase } from './i18n/index.js';

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
 * when it, or what stands at its name, is a symbolic link, a file, a device, a pipe or a socket.
 */
export function outputFolder(folder: string, mode?: number): void {
  const found = lstatSync(folder, { throwIfNoEntry: false });
  if (found?.isDirectory()) return;
  if (found?.isSymbolicLink()) throw refuse(folder, phrase('file.link'));
  if (found?.isFile()) throw refuse(folder, phrase('file.not_folder'));
  if (found) throw refuse(folder, phrase('file.special'));
  try {
    mkdirSync(folder, { recursive: true, mode });
  } catch (error) {
    throw outputFailure(error, folder);
  }
}

/** Writes all of `bytes`, however many calls the operating system needs. */
function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * Writes `content` (one text, bytes, or text in pieces) to `path` through a temporary file beside it, synced and then renamed over `path`: a reader
 * sees the old file or the new one, never half of it. A symbolic link at `path` is replaced, never followed;
 * a folder there is refused. `mode` is the new file's permissions (before the umask).
 */
export function writeFileAtomically(path: string, content: string | Uint8Array | Iterable<string>, mode = 0o666): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw refuse(path, existing.isDirectory() ? phrase('file.is_folder') : phrase('file.special'));
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number;
  try {
    // O_EXCL: never an existing file or a link planted under the temporary name.
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  } catch (error) {
    // No new file in a folder that is there (/proc, /sys): a place that takes no files, not a missing one.
    if (systemFailure(error)?.code === 'ENOENT' && lstatSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) throw refuse(path, phrase('file.not_here'));
    throw outputFailure(error, path);
  }
  try {
    try {
      if (typeof content === 'string') writeAll(fd, Buffer.from(content, 'utf8'));
      else if (content instanceof Uint8Array) writeAll(fd, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      // Pieces are encoded one at a time: a large report is never held whole as a string and as bytes.
      else for (const piece of content) writeAll(fd, Buffer.from(piece, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw outputFailure(error, path);
  }
}
