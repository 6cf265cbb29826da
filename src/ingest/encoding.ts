// A text file's encoding, decided on every one of its bytes in the pass that hashes it: valid UTF-8
// throughout is UTF-8, high bytes without a single UTF-8 sequence are Windows-1252, and a mix of both is an
// error on the line where UTF-8 first breaks. --encoding overrides the decision, never the checks.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';
import { type Message, message } from '../i18n/index.js';
import { detectBom, type DetectionSource, sniffBomlessUtf16 } from './detect.js';
import { ByteScanner, type ByteFacts, canonicalEncoding, LineCounter, textDecoder, undefinedBytes, unitsOf } from './decode.js';

export interface Decided {
  sha256: string;
  size: number;
  encoding: string;
  bom: number;
  source: DetectionSource;
  /** Decided to be Windows-1252 by its bytes, but with another encoding's letter on this line (decode.ts, FOREIGN_LETTERS). */
  foreignLetter?: { line: number; byte: number };
}

/** The file as named in messages and as opened. */
export interface Named {
  file: string;
  path: string;
}

const hex = (byte: number) => `0x${byte.toString(16).padStart(2, '0')}`;

/** The line (1-based, as the parser counts them) that the byte at `offset` is on. */
export async function lineAt(path: string, offset: number, encoding: string, start: number): Promise<number> {
  const counter = new LineCounter();
  if (offset <= start) return 1;
  // Line breaks are ASCII in every single-byte encoding, so latin1 counts them without decoding errors.
  const decoder = textDecoder(unitsOf(encoding) === 'bytes' ? 'latin1' : encoding);
  for await (const chunk of createReadStream(path, { start, end: offset - 1 })) counter.add(decoder.write(chunk as Buffer));
  counter.add(decoder.end() ?? '');
  return counter.lines + 1;
}

/** Hashes every byte and gathers the facts the encoding is decided on, in one read. */
async function firstPass(named: Named, encoding: string, start: number, stated: boolean): Promise<{ sha256: string; facts: ByteFacts }> {
  const hash = createHash('sha256');
  const scanner = new ByteScanner(unitsOf(encoding), start, stated ? undefinedBytes(encoding) : null);
  let size = 0;
  for await (const data of createReadStream(named.path, { highWaterMark: 256 * 1024 })) {
    const chunk = data as Buffer;
    hash.update(chunk);
    const skip = Math.max(0, Math.min(chunk.length, start - size));
    size += chunk.length;
    if (skip < chunk.length) scanner.add(skip > 0 ? chunk.subarray(skip) : chunk);
  }
  return { sha256: hash.digest('hex'), facts: scanner.finish(size) };
}

/**
 * Decides how a text file is decoded and checks that every byte decodes: the byte-order mark or --encoding
 * names the encoding when there is one, the bytes decide otherwise. Throws an InputError on the line of the
 * first byte that does not decode.
 */
export async function decideEncoding(named: Named, sample: Uint8Array, option: string | undefined): Promise<Decided> {
  const bom = detectBom(sample);
  const stated = option ? canonicalEncoding(option) : (bom?.encoding ?? sniffBomlessUtf16(sample));
  const start = bom && (!stated || bom.encoding === stated) ? bom.bom : 0;
  const { sha256, facts } = await firstPass(named, stated ?? 'utf-8', start, typeof stated === 'string');
  const source: DetectionSource = option ? 'option' : bom ? 'bom' : 'sniffed';
  const encoding = stated ?? (!facts.highBytes || facts.firstInvalid < 0 ? 'utf-8' : facts.firstMultibyte < 0 ? 'windows-1252' : null);
  const fail = async (at: number, why: Message, hint?: Message) => {
    const line = await lineAt(named.path, at, encoding ?? 'utf-8', start);
    return new InputError(why, { location: { file: named.file, line }, hint });
  };
  if (facts.firstNul >= 0) throw await fail(facts.firstNul, message('input.nul_byte'));
  if (encoding === null) {
    const utf8Line = await lineAt(named.path, facts.firstMultibyte, 'utf-8', start);
    throw await fail(facts.firstInvalid, message('input.mixed_encoding', { byte: hex(facts.invalidByte), utf8_line: utf8Line }), message('hint.mixed_encoding'));
  }
  if (encoding === 'utf-8' && facts.firstInvalid >= 0) {
    throw await fail(facts.firstInvalid, message('input.undecodable', { byte: hex(facts.invalidByte) }), message('hint.try_encoding'));
  }
  if (facts.firstUndefined >= 0 && typeof stated === 'string' && unitsOf(encoding) === 'bytes' && encoding !== 'utf-8') {
    throw await fail(facts.firstUndefined, message('input.not_in_encoding', { byte: hex(facts.undefinedByte), encoding }), message('hint.name_encoding'));
  }
  if (encoding === 'windows-1252' && facts.firstUndefined >= 0) {
    throw await fail(facts.firstUndefined, message('input.undefined_1252', { byte: hex(facts.undefinedByte) }), message('hint.name_encoding'));
  }
  if (facts.firstBadUnit >= 0) throw await fail(facts.firstBadUnit, message('input.bad_code_unit', { encoding: encoding.toUpperCase() }));
  if (facts.trailingBytes > 0) {
    throw await fail(facts.size - facts.trailingBytes, message('input.cut_off', { encoding: encoding.toUpperCase(), bytes: facts.trailingBytes }));
  }
  const decided: Decided = { sha256, size: facts.size, encoding, bom: start, source };
  if (encoding === 'windows-1252' && !stated && facts.firstForeignLetter >= 0) {
    decided.foreignLetter = { line: await lineAt(named.path, facts.firstForeignLetter, encoding, start), byte: facts.foreignByte };
  }
  return decided;
}
