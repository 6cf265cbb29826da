// The central directory of a ZIP file (a workbook is one), as the ZIP format defines it (APPNOTE 4.3.12, 4.3.16):
// read by the workbook import (its zip-bomb and shared-text checks) and by `--out`'s check of an earlier workbook.

/** A part of a ZIP file as its central directory declares it. */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  /** The general purpose bit flag (APPNOTE 4.4.4): bit 0 says the part is encrypted. */
  flags: number;
  packed: number;
  unpacked: number;
  /** The CRC-32 of its unpacked bytes. */
  crc: number;
  /** Where its local header starts. */
  local: number;
}

/** The fixed part of the end-of-central-directory record. */
export const END_RECORD_BYTES = 22;
/** The end record and the longest comment it may carry: where the record is found, counting from the end. */
export const END_SEARCH_BYTES = END_RECORD_BYTES + 0xffff;

/** The central directory's place as the end record in `tail` (the file's last bytes) gives it, or undefined when none. */
export function directoryPlace(tail: Buffer): { offset: number; size: number; entries: number } | undefined {
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + END_RECORD_BYTES > tail.length) return undefined;
  return { entries: tail.readUInt16LE(end + 10), size: tail.readUInt32LE(end + 12), offset: tail.readUInt32LE(end + 16) };
}

/**
 * The central directory's place in a whole ZIP file, following the ZIP64 end records when the end record holds
 * their markers (0xFFFF entries, a size or place of 0xFFFFFFFF; APPNOTE 4.3.14, 4.3.15): the ZIP64 locator just
 * before the end record gives the ZIP64 end record's place, which gives the directory's. `zip64_damaged` when the
 * markers are there but the ZIP64 records are missing or do not hold together; undefined when there is no end record.
 */
export function wholeDirectoryPlace(bytes: Buffer): { offset: number; size: number; entries: number } | 'zip64_damaged' | undefined {
  const place = directoryPlace(bytes);
  if (place === undefined || (place.entries !== 0xffff && place.size !== 0xffffffff && place.offset !== 0xffffffff)) return place;
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const locator = end - 20;
  if (locator < 0 || bytes.readUInt32LE(locator) !== 0x07064b50) return 'zip64_damaged';
  const big = (at: number): number => {
    const value = bytes.readBigUInt64LE(at);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.POSITIVE_INFINITY;
  };
  const record = big(locator + 8);
  if (record + 56 > locator || bytes.readUInt32LE(record) !== 0x06064b50) return 'zip64_damaged';
  const entries = big(record + 32);
  const size = big(record + 40);
  const offset = big(record + 48);
  // the directory lies before the ZIP64 end record, holds at least the fixed part of each entry, and as many
  // entries as the record says (r14, F10: one that said more was read as far as its entries went)
  if (offset + size > record || entries * 46 > size || !holdsEntries(bytes, offset, entries)) return 'zip64_damaged';
  return { offset, size, entries };
}

/**
 * Whether `directory` holds exactly `entries` directory entries from `at` on (APPNOTE 4.3.12, 4.3.16): that many
 * entries, each where the one before it ends, and no further entry after the last.
 */
export function holdsEntries(directory: Buffer, at: number, entries: number): boolean {
  const isEntry = (place: number) => place + 46 <= directory.length && directory.readUInt32LE(place) === 0x02014b50;
  for (let i = 0; i < entries; i++) {
    if (!isEntry(at)) return false;
    at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return !isEntry(at);
}

/**
 * The parts the directory declares, each passed to `visit` as it is read (which may throw to stop); `directory`
 * holds the directory from `at` on, and at most `entries` parts are read.
 */
export function zipParts(directory: Buffer, at: number, entries: number, visit: (part: ZipPart) => void = () => {}): ZipPart[] {
  const parts: ZipPart[] = [];
  for (let i = 0; i < entries && at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; i++) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const part: ZipPart = {
      name: directory.toString('utf8', at + 46, Math.min(at + 46 + nameLength, directory.length)),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      packed: directory.readUInt32LE(at + 20),
      unpacked: directory.readUInt32LE(at + 24),
      local: directory.readUInt32LE(at + 42),
    };
    zip64Sizes(part, directory.subarray(at + 46 + nameLength, Math.min(at + 46 + nameLength + extraLength, directory.length)));
    visit(part);
    parts.push(part);
    at += 46 + nameLength + extraLength + directory.readUInt16LE(at + 32);
  }
  return parts;
}

/**
 * A part's sizes and local header's place that its directory entry gives as 0xFFFFFFFF, read from the entry's
 * Zip64 extended information (APPNOTE 4.5.3, header id 0x0001): the 8-byte values present are, in this order,
 * the unpacked size, the packed size and the local header's place, each only when its own field says 0xFFFFFFFF.
 * Apache POI writes every part so (Zip64Mode.Always), at any size. A value beyond what a number holds exactly
 * stays 0xFFFFFFFF: no workbook read whole into memory has such a part.
 */
function zip64Sizes(part: ZipPart, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 0x0001) continue;
    const end = Math.min(extra.length, at + 4 + extra.readUInt16LE(at + 2));
    let field = at + 4;
    const next = (): number | undefined => {
      if (field + 8 > end) return undefined;
      const value = extra.readBigUInt64LE(field);
      field += 8;
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
    };
    if (part.unpacked === 0xffffffff) part.unpacked = next() ?? part.unpacked;
    if (part.packed === 0xffffffff) part.packed = next() ?? part.packed;
    if (part.local === 0xffffffff) part.local = next() ?? part.local;
    return;
  }
}

/** Where a part's data starts, from its local header's first 30 bytes (name and extra field lengths); undefined when that is no local header. */
export function partDataStart(part: ZipPart, localHeader: Buffer): number | undefined {
  if (localHeader.length < 30 || localHeader.readUInt32LE(0) !== 0x04034b50) return undefined;
  return part.local + 30 + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}
