// Bytes to text. The first pass looks at every byte of a file (while it is hashed) and gathers the facts its
// encoding is decided on; the second pass decodes it for the parser, with every line ending folded to LF.
import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

const EMPTY = Buffer.alloc(0);

/**
 * The encodings a file may be named in: UTF-8, UTF-16 and UTF-32 (either byte order), and the single-byte ones
 * iconv-lite knows (Windows-1252, ISO-8859-1 and -15, DOS code pages, ...), whose every byte is checked to be
 * a character (undefinedBytes). Multi-byte and stateful ones (UTF-7, Shift-JIS, ...) and iconv-lite's own
 * non-text codecs (base64, hex, binary) are no export's encoding.
 */
export function encodingSupported(encoding: string): boolean {
  const canonical = canonicalEncoding(encoding);
  return canonical === 'utf-8' || unitsOf(canonical) !== 'bytes' || undefinedBytes(canonical) !== null;
}

const UNDEFINED_BYTES = new Map<string, Uint8Array | null>();

/**
 * For a single-byte encoding, the bytes it leaves undefined (1 where a byte decodes to U+FFFD: Windows-1252's
 * 0x81, 0x8D, 0x8F, 0x90, 0x9D; ASCII's 0x80-0xFF); null for any other encoding.
 */
export function undefinedBytes(encoding: string): Uint8Array | null {
  const canonical = canonicalEncoding(encoding);
  const known = UNDEFINED_BYTES.get(canonical);
  if (known !== undefined) return known;
  let table: Uint8Array | null = null;
  // iconv-lite's single-byte codecs are the ones built from a 256-character table
  if (iconv.encodingExists(canonical) && 'decodeBuf' in (iconv.getCodec(canonical) as object)) {
    table = new Uint8Array(256);
    for (let byte = 0; byte < 256; byte++) table[byte] = iconv.decode(Buffer.from([byte]), canonical) === '\ufffd' ? 1 : 0;
  }
  UNDEFINED_BYTES.set(canonical, table);
  return table;
}

export function canonicalEncoding(encoding: string): string {
  const lower = encoding.toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  if (lower === 'cp1252' || lower === 'win1252' || lower === 'windows1252') return 'windows-1252';
  if (lower === 'utf16le' || lower === 'utf-16' || lower === 'utf16' || lower === 'ucs2' || lower === 'ucs-2') return 'utf-16le';
  if (lower === 'utf16be') return 'utf-16be';
  if (lower === 'utf32le' || lower === 'utf-32' || lower === 'utf32') return 'utf-32le';
  if (lower === 'utf32be') return 'utf-32be';
  return lower;
}

/** How a file's bytes group into code units: single bytes (UTF-8, Windows-1252, ...) or UTF-16/UTF-32 units. */
export type Units = 'bytes' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export function unitsOf(encoding: string): Units {
  const canonical = canonicalEncoding(encoding);
  return canonical === 'utf-16le' || canonical === 'utf-16be' || canonical === 'utf-32le' || canonical === 'utf-32be' ? canonical : 'bytes';
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i`, or 0 when it is ill-formed or cut off. Well-formed
 * as the Unicode standard's table 3-7 says: no overlong forms, no surrogates, nothing past U+10FFFF.
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const n = bytes.length;
  const continuation = (at: number, lo = 0x80, hi = 0xbf) => at < n && bytes[at] >= lo && bytes[at] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return continuation(i + 1, lo, hi) && continuation(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return continuation(i + 1, lo, hi) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

/** Length of the prefix that does not end inside a UTF-8 sequence (at most 3 trailing bytes held back). */
export function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** What the first pass found, by byte offset in the file (-1: not found). */
export interface ByteFacts {
  size: number;
  units: Units;
  /** A NUL byte (or NUL code unit): never part of a text export. */
  firstNul: number;
  /** Single bytes: any byte of 0x80 or more. */
  highBytes: boolean;
  /** Single bytes: the first well-formed multi-byte UTF-8 sequence. */
  firstMultibyte: number;
  /** Single bytes: the first byte that breaks UTF-8 (a sequence cut off at the end included), and its value. */
  firstInvalid: number;
  invalidByte: number;
  /**
   * Single bytes: the first byte the named single-byte encoding leaves undefined, or, when none was named,
   * Windows-1252 does (the encoding sniffing falls back to), and its value.
   */
  firstUndefined: number;
  undefinedByte: number;
  /**
   * Single bytes, none named: the first byte that Windows-1252 reads as a symbol or a capital and another encoding
   * of old exports as a small letter, where it stands (FOREIGN_LETTERS: `Pi\x8Eter`, Mac Roman `Piéter`, Windows-1252
   * `PiŽter`), and its value.
   */
  firstForeignLetter: number;
  foreignByte: number;
  /** UTF-16/32: the first unpaired surrogate or code point outside Unicode. */
  firstBadUnit: number;
  /** UTF-16/32: bytes after the last whole code unit (a file cut off mid-character). */
  trailingBytes: number;
}

/**
 * The first pass over a file's bytes, chunk by chunk. For single-byte files it finds what the encoding is
 * decided on (valid UTF-8 throughout, high bytes without a single UTF-8 sequence, or a mix) using Node's
 * native ASCII and UTF-8 checks, looking byte by byte only at chunks that fail them; for UTF-16/32 files it
 * checks every code unit.
 */
export class ByteScanner {
  private readonly facts: ByteFacts;
  private carry: Buffer = EMPTY;
  private offset: number;

  /** The undefined bytes of the single-byte encoding named for the file, or null (none named: it is decided here). */
  private readonly named: Uint8Array | null;
  private readonly fallback = undefinedBytes('windows-1252') ?? new Uint8Array(256);

  constructor(units: Units, start: number, named: Uint8Array | null = null) {
    this.named = named;
    this.offset = start;
    this.facts = {
      size: 0,
      units,
      firstNul: -1,
      highBytes: false,
      firstMultibyte: -1,
      firstInvalid: -1,
      invalidByte: 0,
      firstUndefined: -1,
      undefinedByte: 0,
      firstForeignLetter: -1,
      foreignByte: 0,
      firstBadUnit: -1,
      trailingBytes: 0,
    };
  }

  /** Adds the next chunk of the file (after the byte-order mark). */
  add(chunk: Buffer): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - this.carry.length;
    this.offset += chunk.length;
    if (this.facts.units === 'bytes') this.carry = this.addBytes(data, base);
    else if (this.facts.units === 'utf-16le' || this.facts.units === 'utf-16be') this.carry = this.addUtf16(data, base, this.facts.units === 'utf-16le');
    else this.carry = this.addUtf32(data, base, this.facts.units === 'utf-32le');
  }

  finish(size: number): ByteFacts {
    const facts = this.facts;
    facts.size = size;
    if (this.carry.length > 0) {
      const at = this.offset - this.carry.length;
      if (facts.units === 'bytes') {
        // A multi-byte sequence cut off by the end of the file.
        if (facts.firstInvalid < 0) {
          facts.firstInvalid = at;
          facts.invalidByte = this.carry[0];
        }
      } else if (this.carry.length >= (facts.units.startsWith('utf-16') ? 2 : 4)) {
        if (facts.firstBadUnit < 0) facts.firstBadUnit = at; // a high surrogate with nothing after it
      } else facts.trailingBytes = this.carry.length;
    }
    return facts;
  }

  private addBytes(data: Buffer, base: number): Buffer {
    const facts = this.facts;
    if (facts.firstNul < 0) {
      const nul = data.indexOf(0);
      if (nul >= 0) facts.firstNul = base + nul;
    }
    if (isAscii(data)) return EMPTY;
    facts.highBytes = true;
    if (this.named) {
      // a single-byte encoding was named: every byte is one character, defined or not
      if (facts.firstUndefined < 0) this.findUndefined(data, base, this.named);
      return EMPTY;
    }
    const complete = completeLength(data);
    const body = data.subarray(0, complete);
    const wanted = facts.firstMultibyte < 0 || facts.firstInvalid < 0;
    if (wanted) {
      if (isUtf8(body)) {
        if (facts.firstMultibyte < 0) facts.firstMultibyte = base + firstHighByte(body);
      } else this.scanSequences(body, base);
    }
    return complete < data.length ? Buffer.from(data.subarray(complete)) : EMPTY;
  }

  /** Byte by byte, for a chunk that is not valid UTF-8: which sequences are well formed, which bytes are not. */
  private scanSequences(body: Buffer, base: number): void {
    const facts = this.facts;
    for (let i = 0; i < body.length; ) {
      if (body[i] < 0x80) {
        i++;
        continue;
      }
      const length = utf8SequenceLength(body, i);
      if (length > 0) {
        if (facts.firstMultibyte < 0) facts.firstMultibyte = base + i;
        i += length;
        continue;
      }
      if (facts.firstInvalid < 0) {
        facts.firstInvalid = base + i;
        facts.invalidByte = body[i];
      }
      if (facts.firstUndefined < 0 && this.fallback[body[i]] === 1) {
        facts.firstUndefined = base + i;
        facts.undefinedByte = body[i];
      }
      if (facts.firstForeignLetter < 0 && foreignLetterAt(body, i)) {
        facts.firstForeignLetter = base + i;
        facts.foreignByte = body[i];
      }
      if (facts.firstMultibyte >= 0 && facts.firstUndefined >= 0) return; // nothing more can change the decision
      i++;
    }
  }

  private findUndefined(data: Buffer, base: number, table: Uint8Array): void {
    for (let i = 0; i < data.length; i++) {
      if (table[data[i]] === 1) {
        this.facts.firstUndefined = base + i;
        this.facts.undefinedByte = data[i];
        return;
      }
    }
  }

  private addUtf16(data: Buffer, base: number, littleEndian: boolean): Buffer {
    const facts = this.facts;
    const end = data.length & ~1;
    const unit = (at: number) => (littleEndian ? data[at] | (data[at + 1] << 8) : (data[at] << 8) | data[at + 1]);
    let i = 0;
    for (; i < end; i += 2) {
      const u = unit(i);
      if (u === 0 && facts.firstNul < 0) facts.firstNul = base + i;
      if (u < 0xd800 || u > 0xdfff) continue;
      if (u <= 0xdbff) {
        if (i + 2 >= end) break; // the low surrogate is in the next chunk
        const next = unit(i + 2);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i += 2;
          continue;
        }
      }
      if (facts.firstBadUnit < 0) facts.firstBadUnit = base + i;
    }
    return i < data.length ? Buffer.from(data.subarray(i)) : EMPTY;
  }

  private addUtf32(data: Buffer, base: number, littleEndian: boolean): Buffer {
    const facts = this.facts;
    const end = data.length & ~3;
    for (let i = 0; i < end; i += 4) {
      const u = littleEndian ? data.readUInt32LE(i) : data.readUInt32BE(i);
      if (u === 0 && facts.firstNul < 0) facts.firstNul = base + i;
      if ((u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff)) && facts.firstBadUnit < 0) facts.firstBadUnit = base + i;
    }
    return end < data.length ? Buffer.from(data.subarray(end)) : EMPTY;
  }
}

/**
 * The bytes that Windows-1252 reads as a symbol or a capital and another encoding of old exports as a small accented
 * letter (adversarial runs r28, item 8, and r29, A3), by where they give such a file away. AFTER_LETTER (1): after a
 * small letter, also at a word's end, where Windows-1252 text never has them: Mac Roman's é (0x8E, `Ž`), à (0x88,
 * `ˆ`), â (0x89, `‰`), ä (0x8A, `Š`), ü (0x9F, `Ÿ`), DOS cp850's â (0x83, `ƒ`), ISO-8859-2's ą ź ž ż (0xB1 `±`, 0xBC
 * `¼`, 0xBE `¾`, 0xBF `¿`: `Łódź` reads `£ód¼`). BETWEEN_LETTERS (2): between two small letters only, as after a word
 * they are Windows-1252's quotes, ellipsis and marks (`“Noord”`, `enz…`, `Excel™`, `m³`, `nº`): Mac Roman's ë ô ï î
 * (0x91 `‘`, 0x99 `™`, 0x95 `•`, 0x94 `”`), cp850's é à (0x82 `‚`, 0x85 `…`), ISO-8859-2's ł ś š ş (0xB3 `³`, 0xB6
 * `¶`, 0xB9 `¹`, 0xBA `º`) and more. Never a byte Windows-1252 reads as a small letter (`š`, `ž`, `œ`, names' letters),
 * 0x92 (`’`, an apostrophe) or 0x96 and 0x97 (dashes). Which encodings read the byte as a letter is LETTER_ENCODINGS'.
 */
const AFTER_LETTER = 1;
const BETWEEN_LETTERS = 2;
const FOREIGN_LETTERS = (() => {
  const table = new Uint8Array(256);
  for (const byte of [0x83, 0x88, 0x89, 0x8a, 0x8e, 0x9f, 0xb1, 0xbc, 0xbe, 0xbf]) table[byte] = AFTER_LETTER;
  for (const byte of [0x82, 0x85, 0x86, 0x87, 0x8b, 0x91, 0x93, 0x94, 0x95, 0x98, 0x99, 0x9b, 0xa3, 0xb3, 0xb5, 0xb6, 0xb9, 0xba, 0xbb]) table[byte] = BETWEEN_LETTERS;
  return table;
})();

/** True when the byte at `i` is a letter of another encoding where it stands (FOREIGN_LETTERS). */
function foreignLetterAt(bytes: Buffer, i: number): boolean {
  const where = FOREIGN_LETTERS[bytes[i]];
  return where !== 0 && smallAsciiLetter(bytes[i - 1]) && (where === AFTER_LETTER || smallAsciiLetter(bytes[i + 1]));
}

/** The encodings of old exports a file read as Windows-1252 may really be in: Mac Roman, DOS (Western), Central European. */
const LETTER_ENCODINGS = ['macintosh', 'cp850', 'iso-8859-2', 'windows-1250'];

/** Those of LETTER_ENCODINGS that read `byte` as a small letter, and the character Windows-1252 reads instead. */
export function encodingsOfLetter(byte: number): { shown: string; encodings: string[] } {
  const bytes = Buffer.from([byte]);
  return { shown: iconv.decode(bytes, 'windows-1252'), encodings: LETTER_ENCODINGS.filter((encoding) => /^\p{Ll}$/u.test(iconv.decode(bytes, encoding))) };
}

function smallAsciiLetter(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x61 && byte <= 0x7a;
}

function firstHighByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return i;
  return -1;
}

/** Counts line breaks as the second pass folds them: CRLF, LF and a lone CR each end a line. */
export class LineCounter {
  lines = 0;
  private pendingCr = false;

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (!this.pendingCr) this.lines++;
        this.pendingCr = false;
      } else if (c === 13) {
        this.lines++;
        this.pendingCr = true;
      } else this.pendingCr = false;
    }
  }
}

/** A decoder for the bytes of a file in `encoding` (any iconv-lite knows, UTF-8 included). */
export function textDecoder(encoding: string): { write(bytes: Buffer): string; end(): string | undefined } {
  return iconv.getDecoder(canonicalEncoding(encoding), { stripBOM: false });
}

/** CR LF and a lone CR become LF, across chunk boundaries: one line ending for the parser, whatever the file mixes. */
class LineEndings {
  private pendingCr = false;

  text(raw: string): string {
    let text = raw;
    if (this.pendingCr && text.length > 0) {
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      this.pendingCr = false;
    }
    if (text.indexOf('\r') < 0) return text;
    if (text.endsWith('\r')) this.pendingCr = true;
    return text.replace(/\r\n?/g, '\n');
  }

  bytes(raw: Buffer): Buffer {
    let start = 0;
    if (this.pendingCr && raw.length > 0) {
      if (raw[0] === 10) start = 1;
      this.pendingCr = false;
    }
    let cr = raw.indexOf(13, start);
    if (cr < 0) return start === 0 ? raw : raw.subarray(start);
    const out = Buffer.allocUnsafe(raw.length - start);
    let n = 0;
    let from = start;
    while (cr >= 0) {
      n += raw.copy(out, n, from, cr);
      out[n++] = 10;
      if (cr + 1 >= raw.length) {
        this.pendingCr = true;
        from = raw.length;
        break;
      }
      from = raw[cr + 1] === 10 ? cr + 2 : cr + 1;
      cr = raw.indexOf(13, from);
    }
    n += raw.copy(out, n, from);
    return out.subarray(0, n);
  }
}

/**
 * The DOS end-of-file mark (Ctrl-Z, 0x1A) that some old exporters write as a file's last character: one at the very
 * end, with the line break after it, is no row (it was read as a last line and rejected: adversarial run r28, item
 * 10); a line break before it ends the last row as any does. A chunk's trailing mark is held back until the next
 * chunk shows whether it was the last; one elsewhere is a character of its cell, judged as such. Works on text with
 * its line endings folded to LF (LineEndings), as characters or as UTF-8 bytes.
 */
class EndOfFileMark {
  private heldText = '';
  private heldBytes: Buffer = EMPTY;

  text(chunk: string): string {
    const text = this.heldText + chunk;
    const held = text.endsWith('\u001a\n') ? 2 : text.endsWith('\u001a') ? 1 : 0;
    this.heldText = text.slice(text.length - held);
    return text.slice(0, text.length - held);
  }

  bytes(chunk: Buffer): Buffer {
    const bytes = this.heldBytes.length > 0 ? Buffer.concat([this.heldBytes, chunk]) : chunk;
    const end = bytes.length;
    const held = end >= 2 && bytes[end - 2] === 0x1a && bytes[end - 1] === 10 ? 2 : end >= 1 && bytes[end - 1] === 0x1a ? 1 : 0;
    this.heldBytes = held > 0 ? Buffer.from(bytes.subarray(end - held)) : EMPTY;
    return bytes.subarray(0, end - held);
  }
}

/** The file changed between the first pass and the second: what was decided about it no longer holds. */
export class ChangedWhileReading extends Error {
  constructor() {
    super('the file changed while it was read');
  }
}

/**
 * The second pass for every encoding but UTF-8: bytes decoded with iconv-lite, line endings folded to LF, NUL
 * refused (the first pass found none, so one now means the file changed), an Excel `sep=` first line dropped.
 */
export class DecodeStream extends Transform {
  private readonly decoder: ReturnType<typeof textDecoder>;
  private readonly endings = new LineEndings();
  private readonly mark = new EndOfFileMark();
  private skipping: boolean;

  constructor(encoding: string, skipFirstLine: boolean) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.decoder = textDecoder(encoding);
    this.skipping = skipFirstLine;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    callback(this.decoded(this.decoder.write(chunk)));
  }

  override _flush(callback: TransformCallback): void {
    callback(this.decoded(this.decoder.end() ?? ''));
  }

  private decoded(raw: string): Error | null {
    let text = this.endings.text(raw);
    if (text.indexOf('\u0000') >= 0) return new ChangedWhileReading();
    if (this.skipping) {
      const newline = text.indexOf('\n');
      if (newline < 0) return null;
      text = text.slice(newline + 1);
      this.skipping = false;
    }
    // what the mark holds back at the end of the file is never pushed: the mark dropped
    text = this.mark.text(text);
    if (text.length > 0) this.push(text);
    return null;
  }
}

/**
 * The second pass for UTF-8: bytes pass through (the record splitter decodes each line, csv-parse each field:
 * decoding here would be done twice) with line endings folded to LF and an Excel `sep=` first line dropped. Each
 * chunk is checked again with Node's native UTF-8 check, so a file changed since the first pass cannot slip
 * replacement characters in.
 */
export class Utf8Stream extends Transform {
  private carry: Buffer = EMPTY;
  private readonly endings = new LineEndings();
  private readonly mark = new EndOfFileMark();
  private skipping: boolean;

  constructor(skipFirstLine: boolean) {
    super();
    this.skipping = skipFirstLine;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeLength(bytes);
    const body = bytes.subarray(0, complete);
    this.carry = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : EMPTY;
    if (!isUtf8(body) || body.indexOf(0) >= 0) {
      callback(new ChangedWhileReading());
      return;
    }
    this.pass(this.endings.bytes(body));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    callback(this.carry.length > 0 ? new ChangedWhileReading() : null);
  }

  private pass(bytes: Buffer): void {
    let out = bytes;
    if (this.skipping) {
      const newline = out.indexOf(10);
      if (newline < 0) return;
      out = out.subarray(newline + 1);
      this.skipping = false;
    }
    // what the mark holds back at the end of the file is never pushed: the mark dropped
    out = this.mark.bytes(out);
    if (out.length > 0) this.push(out);
  }
}

/** Decodes a whole sample leniently (for sniffing the separator and header). */
export function decodeSample(bytes: Uint8Array, encoding: string): string {
  if (canonicalEncoding(encoding) === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes), canonicalEncoding(encoding), { stripBOM: false });
}
