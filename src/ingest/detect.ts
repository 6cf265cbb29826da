// Sniffing a file's encoding and separator from its first bytes, so analysts never have to say what Excel did.
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | string;
export type Delimiter = ',' | ';' | '\t' | '|' | string;

export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
export const SAMPLE_BYTES = 64 * 1024;

export interface Detected {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  delimiter: Delimiter;
  /** True when the first line is Excel's `sep=;` hint (it is skipped). */
  sepLine: boolean;
  lineEnding: 'crlf' | 'lf' | 'none';
  /** How each choice was made. */
  source: { encoding: DetectionSource; delimiter: DetectionSource };
}

export type SniffProblem = 'empty' | 'binary';

export type DetectionSource = 'bom' | 'sniffed' | 'option' | 'sep-line' | 'default';

export function detectBom(bytes: Uint8Array): { encoding: Encoding; bom: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return null;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text. */
function sniffBomlessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.7 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.7 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Binary files carry NUL and other control bytes that text exports never hold. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Offset of the first byte that breaks UTF-8, or -1 (a sequence cut off at the end is allowed). */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return -1;
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number; source: 'bom' | 'sniffed' } | SniffProblem {
  if (bytes.length === 0) return 'empty';
  const bom = detectBom(bytes);
  if (bom) return { ...bom, source: 'bom' };
  const utf16 = sniffBomlessUtf16(bytes);
  if (utf16) return { encoding: utf16, bom: 0, source: 'sniffed' };
  if (looksBinary(bytes)) return 'binary';
  return { encoding: invalidUtf8Offset(bytes) < 0 ? 'utf-8' : 'windows-1252', bom: 0, source: 'sniffed' };
}

/** Excel's hint line: `sep=;` as the very first line. */
export function sepLineDelimiter(firstLine: string): Delimiter | null {
  const match = /^\s*"?sep=(.)"?\s*$/i.exec(firstLine);
  return match ? match[1] : null;
}

/** Counts a delimiter outside double quotes in one line of text. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) count++;
  }
  return count;
}

/**
 * The separator is the candidate that splits the header into the most columns and
 * splits the following sample lines consistently; ties go to the order of DELIMITERS.
 */
export function sniffDelimiter(lines: readonly string[]): Delimiter | null {
  const sample = lines.filter((line) => line.trim() !== '').slice(0, 20);
  if (sample.length === 0) return null;
  let best: { delimiter: Delimiter; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const headerCount = countOutsideQuotes(sample[0], delimiter);
    if (headerCount === 0) continue;
    const rest = sample.slice(1);
    const consistent = rest.filter((line) => countOutsideQuotes(line, delimiter) === headerCount).length;
    const score = headerCount * (rest.length === 0 ? 1 : 0.5 + consistent / rest.length);
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

export function sniffLineEnding(text: string): 'crlf' | 'lf' | 'none' {
  const lf = text.indexOf('\n');
  if (lf < 0) return 'none';
  return lf > 0 && text[lf - 1] === '\r' ? 'crlf' : 'lf';
}
