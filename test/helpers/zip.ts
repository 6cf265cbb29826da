// Builds ZIP files by hand, as a workbook's damaged or unusual packing needs them in tests.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { partData } from '../../src/ingest/xlsx-check.js';
import { wholeDirectoryPlace, zipParts } from '../../src/zip-directory.js';

/**
 * A ZIP file (APPNOTE 4.3) of `entries` in their order, each stored deflated with its sizes and CRC as written;
 * an entry given `packed` (its data already deflated) declares the unpacked `size` and `crc` it is given.
 */
export function zipOf(entries: ReadonlyArray<{ name: string; data: Buffer } | { name: string; packed: Buffer; size: number; crc: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = 'packed' in entry ? entry.packed : deflateRawSync(entry.data);
    const size = 'packed' in entry ? entry.size : entry.data.length;
    const nameBytes = Buffer.from(entry.name, 'utf8');
    const crc = 'packed' in entry ? entry.crc : crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The unpacked parts of a ZIP file (a workbook written by the tool), by name, as its central directory lists them. */
export function unzipped(zip: Uint8Array): Map<string, Buffer> {
  const bytes = Buffer.from(zip);
  const place = wholeDirectoryPlace(bytes);
  if (place === undefined || place === 'zip64_damaged') throw new Error('not a ZIP file');
  const parts = new Map<string, Buffer>();
  for (const part of zipParts(bytes, place.offset, place.entries)) {
    const data = partData(bytes, part);
    if (data === undefined) throw new Error(`${part.name}: no data`);
    parts.set(part.name, part.method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return parts;
}
