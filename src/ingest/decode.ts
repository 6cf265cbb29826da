// Bytes to text for every supported encoding, with CRLF folded to LF so line numbers are exact.
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import { invalidUtf8Offset } from './detect.js';

export class DecodeError extends Error {
  constructor(
    readonly line: number,
    readonly byte: number,
  ) {
    super(`invalid byte 0x${byte.toString(16)} at line ${line}`);
  }
}

export function encodingSupported(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding) || iconv.encodingExists(encoding);
}

export function canonicalEncoding(encoding: string): string {
  const lower = encoding.toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  if (lower === 'cp1252' || lower === 'win1252' || lower === 'windows1252') return 'windows-1252';
  if (lower === 'utf16le' || lower === 'utf-16') return 'utf-16le';
  if (lower === 'utf16be') return 'utf-16be';
  return lower;
}

/**
 * Decodes a byte stream in any encoding but UTF-8 (UTF-16, Windows-1252, ...) to text with iconv-lite,
 * which never throws. CRLF becomes LF, so csv-parse counts lines exactly; when `skipFirstLine` is set
 * (an Excel `sep=` hint) the first line is dropped. UTF-8 goes through Utf8CheckStream instead.
 */
export class DecodeStream extends Transform {
  private readonly decoder: { write(bytes: Buffer): string; end(): string | undefined };
  private pendingCr = false;
  private skipping: boolean;

  constructor(encoding: string, skipFirstLine: boolean) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.decoder = iconv.getDecoder(encoding, { stripBOM: false });
    this.skipping = skipFirstLine;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.emitText(this.decoder.write(chunk));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.emitText(this.decoder.end() ?? '');
    if (this.pendingCr) this.push('\n');
    callback();
  }

  private emitText(raw: string): void {
    let text = raw;
    if (this.pendingCr) {
      text = (text.startsWith('\n') ? '' : '\n') + text;
      this.pendingCr = false;
    }
    if (text.endsWith('\r')) {
      this.pendingCr = true;
      text = text.slice(0, -1);
    }
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    if (this.skipping) {
      const newline = text.indexOf('\n');
      if (newline < 0) return;
      text = text.slice(newline + 1);
      this.skipping = false;
    }
    if (text.length > 0) this.push(text);
  }
}

/** Decodes a whole sample leniently (for sniffing the separator and header). */
export function decodeSample(bytes: Uint8Array, encoding: string): string {
  if (canonicalEncoding(encoding) === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes), encoding, { stripBOM: false });
}

/**
 * UTF-8 passes through as bytes (csv-parse decodes UTF-8 itself, so decoding here would be done twice),
 * checked on the way so an invalid byte still stops the import with its line. Lines are counted from
 * '\n' alone, which CRLF and LF files both have; an Excel `sep=` first line is dropped.
 */
export class Utf8CheckStream extends Transform {
  /** Bytes of a sequence cut off at the end of the previous chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private skipping: boolean;
  private lines = 0;

  constructor(skipFirstLine: boolean) {
    super();
    this.skipping = skipFirstLine;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    let bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.skipping) {
      const newline = bytes.indexOf(10);
      if (newline < 0) {
        this.carry = bytes;
        callback();
        return;
      }
      bytes = bytes.subarray(newline + 1);
      this.skipping = false;
    }
    const complete = completeLength(bytes);
    const bad = invalidUtf8Offset(bytes.subarray(0, complete));
    if (bad >= 0) {
      callback(new DecodeError(this.lines + countByte(bytes.subarray(0, bad), 10) + 1, bytes[bad]));
      return;
    }
    this.carry = Buffer.from(bytes.subarray(complete));
    const out = bytes.subarray(0, complete);
    this.lines += countByte(out, 10);
    if (out.length > 0) this.push(out);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.skipping) this.carry = Buffer.alloc(0);
    if (this.carry.length > 0) {
      callback(new DecodeError(this.lines + 1, this.carry[0]));
      return;
    }
    callback();
  }
}

function countByte(bytes: Buffer, value: number): number {
  let count = 0;
  let at = bytes.indexOf(value);
  while (at >= 0) {
    count++;
    at = bytes.indexOf(value, at + 1);
  }
  return count;
}

/** Length of the prefix that ends on a whole UTF-8 sequence (at most 3 trailing bytes held back). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
