// A small file read whole, safely: opened without blocking (a pipe with no writer is refused, not waited on)
// and read only when it is a regular file of at most `limit` bytes, so a device or a runaway file stops here,
// not in memory. Callers turn the outcome into their own kind of error (configuration, input).
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { systemFailure } from './errors.js';
import { phrase, type Phrase } from './i18n/index.js';

export type Bounded = { read: 'ok'; bytes: Buffer } | { read: 'folder' } | { read: 'special' } | { read: 'link' } | { read: 'too_large'; size: number };

/** Whether a symbolic link at the file's own name is followed, or refused (a file whose text is published: feedback). */
export type Links = 'follow' | 'refuse';

/** Throws only what the file system throws on opening or reading (ENOENT, EACCES, ...). */
export function readBounded(file: string, limit: number, links: Links = 'follow'): Bounded {
  let fd: number;
  if (links === 'refuse' && lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return { read: 'link' };
  try {
    // O_NOFOLLOW as well: a link put in the file's place after the check above is refused all the same
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (links === 'refuse' ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    if (links === 'refuse' && systemFailure(error)?.code === 'ELOOP') return { read: 'link' };
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { read: 'folder' };
    if (!stat.isFile()) return { read: 'special' };
    if (stat.size > limit) return { read: 'too_large', size: stat.size };
    // Read until the end, at most one byte past the limit: a file that grows while read is caught too, and the size
    // is only where to start (a file of /proc says 0 bytes and holds text).
    let buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= limit; length += read) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, limit + 1 - length))]);
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > limit) return { read: 'too_large', size: length };
    return { read: 'ok', bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** What a reader says when its file cannot be read whole: each reader throws its own kind of error, in its own words. */
export interface WholeFileFaults {
  /** The file system refused opening or reading it (ENOENT, EACCES, ...). */
  failed(error: unknown): Error;
  /** A folder or a special file (a pipe, a device), the reason in words. */
  unreadable(reason: Phrase): Error;
  /** Larger than the reader's limit; `size` as found, `limit` in words ("4 MB"). */
  tooLarge(size: number, limit: Phrase): Error;
}

/**
 * A regular file of at most `limit` bytes, read whole by readBounded's rule; any other outcome is the reader's error.
 * With `links: 'refuse'`, a symbolic link at the file's name is unreadable too, never followed.
 */
export function readWhole(file: string, limit: number, faults: WholeFileFaults, links: Links = 'follow'): Buffer {
  let found: Bounded;
  try {
    found = readBounded(file, limit, links);
  } catch (error) {
    throw faults.failed(error);
  }
  if (found.read === 'folder') throw faults.unreadable(phrase('file.is_folder'));
  if (found.read === 'special') throw faults.unreadable(phrase('file.special'));
  if (found.read === 'link') throw faults.unreadable(phrase('file.link_not_read'));
  if (found.read === 'too_large') throw faults.tooLarge(found.size, phrase('number.megabytes', { value: limit / (1024 * 1024) }));
  return found.bytes;
}
