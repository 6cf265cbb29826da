// A small file read whole, safely: opened without blocking (a pipe with no writer is refused, not waited on)
// and read only when it is a regular file of at most `limit` bytes, so a device or a runaway file stops here,
// not in memory. Callers turn the outcome into their own kind of error (configuration, input).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type Bounded = { read: 'ok'; bytes: Buffer } | { read: 'folder' } | { read: 'special' } | { read: 'too_large'; size: number };

/** Throws only what the file system throws on opening or reading (ENOENT, EACCES, ...). */
export function readBounded(file: string, limit: number): Bounded {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
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
