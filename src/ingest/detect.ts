// What kind of file this is, from its first bytes: a workbook or text, a byte-order mark, the separator. The
// encoding of a text file is decided on all of its bytes (read.ts, decode.ts), never on a sample.
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | 'windows-1252' | string;
export type Delimiter = ',' | ';' | '\t' | '|' | string;

export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
export const SAMPLE_BYTES = 64 * 1024;

/** How a delimited text file is written. */
export interface TextLayout {
  format: 'csv';
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
  delimiter: Delimiter;
  /** True when the first line is Excel's `sep=;` hint (it is skipped). */
  sepLine: boolean;
  lineEnding: 'crlf' | 'lf' | 'none';
  /** How each choice was made. */
  source: { encoding: DetectionSource; delimiter: DetectionSource };
  /** Detected as Windows-1252, but this line has a byte in a word that other encodings read as a letter (decode.ts). */
  foreignLetter?: { line: number; byte: number };
}

/** A workbook, and the sheet that is read. */
export interface WorkbookLayout {
  format: 'xlsx';
  sheet: string;
  /** The workbook's other sheets, as the store would keep their names, when the first was read by default (no `--sheet`). */
  otherSheets?: readonly string[];
}

export type Detected = TextLayout | WorkbookLayout;

export type DetectionSource = 'bom' | 'sniffed' | 'option' | 'sep-line' | 'default';

/** A byte-order mark: UTF-32 is tested first, since its little-endian mark begins like UTF-16's. */
export function detectBom(bytes: Uint8Array): { encoding: Encoding; bom: number } | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { encoding: 'utf-32le', bom: 4 };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return null;
}

/** UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text. */
export function sniffBomlessUtf16(bytes: Uint8Array): Encoding | null {
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

/** Binary files carry NUL and other control bytes that text exports never hold (judged on the first 8 KB). */
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

/** A workbook (xlsx is a ZIP archive) or an old binary Excel file, told by their first bytes. */
export function sniffContainer(bytes: Uint8Array): 'zip' | 'ole2' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return ole2.every((byte, i) => bytes[i] === byte) ? 'ole2' : null;
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
