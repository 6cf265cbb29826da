// The one reader every import kind uses: what a file is (checked before anything is imported), then its rows
// as a stream, numbered by their line in the file. Text files and workbooks give the same Table.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { failureReason, InputError, systemFailure, UsageError } from '../errors.js';
import { phrase } from '../i18n/index.js';
import { restoreNeutralised } from '../render/csv-line.js';
import { ChangedWhileReading, DecodeStream, decodeSample, encodingSupported, Utf8Stream } from './decode.js';
import {
  type DetectionSource,
  detectBom,
  looksBinary,
  SAMPLE_BYTES,
  sepLineDelimiter,
  sniffBomlessUtf16,
  sniffContainer,
  sniffDelimiter,
  sniffLineEnding,
  type TextLayout,
} from './detect.js';
import { decideEncoding, type Named } from './encoding.js';
import { RecordSplitter } from './plain-records.js';
import { headedColumns, keptFields, MAX_RECORD_BYTES, type Inspected, type SourceRow, type Table, UnheadedColumns, unheadedOf } from './table.js';

export type { Inspected, SourceRow, Table };
import { normaliseHeader } from './values.js';
import { undecodedPath } from '../shown-name.js';

export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
  /** A workbook's sheet: its name, or its position from 1. */
  sheet?: string;
}

/** The separators `--delimiter` takes, the ones detection knows: a letter, a digit, a quote or a point would split values apart. */
const DELIMITER_NAMES: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '\\t': '\t', '\t': '\t', '|': '|', pipe: '|' };

export function parseDelimiterOption(value: string): string {
  const named = Object.hasOwn(DELIMITER_NAMES, value.toLowerCase()) ? DELIMITER_NAMES[value.toLowerCase()] : undefined;
  if (named) return named;
  throw new UsageError('usage.bad_delimiter', { value });
}

function fileError(named: Named, error: unknown): InputError {
  const { file } = named;
  const code = (error as NodeJS.ErrnoException).code;
  const details = { location: { file }, cause: error };
  const onDisk = code === 'ENOENT' ? undecodedPath(named.path) : null;
  if (onDisk !== null) {
    // the file is there: said with its name's bytes escaped, never "not found"
    const shown = `${file.slice(0, file.length - basename(file).length)}${basename(onDisk)}`;
    return new InputError('input.name_not_utf8', { location: { file: shown }, cause: error });
  }
  if (code === 'ENOENT') return new InputError('input.missing', details);
  if (code === 'EISDIR') return new InputError('input.is_directory', details);
  const failure = systemFailure(error);
  // said in words (`not a folder`), never as the system's code (ENOTDIR): a low finding of the adversarial runs
  return new InputError('input.unreadable', { reason: failure ? failureReason(failure.code) : (code ?? String(error)) }, details);
}

/**
 * A regular file's first bytes. Anything else is refused before it is opened: a pipe or /dev/stdin can be
 * read only once (the import reads twice) and one without a writer would block for ever; a device never ends.
 */
async function readSample(named: Named): Promise<Uint8Array> {
  const { file, path } = named;
  const info = await stat(path).catch((error: unknown) => {
    throw fileError(named, error);
  });
  if (info.isDirectory()) throw new InputError('input.is_directory', { location: { file } });
  if (!info.isFile()) {
    const what = info.isFIFO() ? phrase('input.what_pipe') : info.isSocket() ? phrase('input.what_socket') : phrase('input.what_device');
    throw new InputError('input.not_regular_file', { what }, { location: { file } });
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(named, error);
  }
  try {
    // read until the sample is full or the file ends, never trusting the size: a file of /proc says 0 bytes and
    // holds text, and one read may give fewer bytes than asked
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) ({ bytesRead: read } = await handle.read(buffer, length, buffer.length - length, length));
    return buffer.subarray(0, length);
  } catch (error) {
    throw fileError(named, error);
  } finally {
    await handle.close();
  }
}

/** Separator, `sep=` line and line endings from the first 64 KB, decoded as the whole file was decided. */
function textLayout(sample: Uint8Array, encoding: string, bom: number, encodingSource: DetectionSource, options: ReadOptions): TextLayout {
  const text = decodeSample(sample.subarray(bom), encoding);
  const lines = text.split(/\r\n|\n|\r/);
  if (sample.length === SAMPLE_BYTES && lines.length > 1) lines.pop();
  const sep = sepLineDelimiter(lines[0] ?? '');
  let delimiter: string;
  let delimiterSource: DetectionSource;
  if (options.delimiter) {
    delimiter = parseDelimiterOption(options.delimiter);
    delimiterSource = 'option';
  } else if (sep) {
    delimiter = sep;
    delimiterSource = 'sep-line';
  } else {
    const sniffed = sniffDelimiter(lines);
    delimiter = sniffed ?? ',';
    delimiterSource = sniffed ? 'sniffed' : 'default';
  }
  return { format: 'csv', encoding, bom, delimiter, sepLine: sep !== null, lineEnding: sniffLineEnding(text), source: { encoding: encodingSource, delimiter: delimiterSource } };
}

/**
 * The first pass: what the file is (a regular file, text or a workbook), its SHA-256, and for text the
 * encoding decided on every byte. Whole-file problems throw an InputError naming the file and line.
 */
export async function inspect(named: Named, options: ReadOptions = {}): Promise<Inspected> {
  if (options.encoding && !encodingSupported(options.encoding)) throw new UsageError('usage.bad_encoding', { value: options.encoding });
  if (options.delimiter) parseDelimiterOption(options.delimiter);
  const sample = await readSample(named);
  if (sample.length === 0) throw new InputError('input.empty', { location: { file: named.file } });
  const container = sniffContainer(sample);
  if (container === 'ole2') throw new InputError('input.old_excel', { location: { file: named.file } });
  if (container === 'zip') {
    const { inspectWorkbook } = await import('./xlsx.js');
    return inspectWorkbook(named, options.sheet);
  }
  if (!options.encoding && !detectBom(sample) && !sniffBomlessUtf16(sample) && looksBinary(sample)) {
    throw new InputError('input.binary', { location: { file: named.file } });
  }
  const decided = await decideEncoding(named, sample, options.encoding);
  const detected = textLayout(sample, decided.encoding, decided.bom, decided.source, options);
  if (decided.foreignLetter !== undefined) detected.foreignLetter = decided.foreignLetter;
  return { named, sha256: decided.sha256, size: decided.size, detected };
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

function newlinesIn(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    if (field.length === 0 || field.indexOf('\n') < 0) continue;
    for (let i = 0; i < field.length; i++) if (field.charCodeAt(i) === 10) count++;
  }
  return count;
}

function csvError(file: string, error: unknown, line: number): InputError {
  if (error instanceof ChangedWhileReading) return new InputError('input.changed_while_reading', { location: { file }, cause: error });
  if (error instanceof CsvError) {
    const details = { location: { file, line }, cause: error };
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new InputError('input.quote_not_closed', details);
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      return new InputError('input.record_too_long', { max: phrase('number.megabytes', { value: 1 }) }, details);
    }
    return new InputError('input.csv_malformed', { reason: error.message }, details);
  }
  return new InputError('input.unreadable', { reason: String(error) }, { location: { file }, cause: error });
}

/**
 * Records from the parser in order, handed over in batches (one promise per batch, not per row), with
 * backpressure. Unlike the stream's own async iterator it hands over every record parsed before an error,
 * so the error's line is the failing record's own.
 */
class RecordQueue {
  private records: string[][] = [];
  private done = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;

  constructor(private readonly parser: Readable) {
    parser.on('data', (records: string[][]) => {
      if (this.records.length === 0) this.records = records;
      else for (const record of records) this.records.push(record);
      if (this.records.length > 2048) parser.pause();
      this.notify();
    });
    parser.on('end', () => {
      this.done = true;
      this.notify();
    });
    parser.on('error', (error) => {
      this.failure = error;
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The records parsed so far (waiting for at least one), or null at the end. */
  async take(): Promise<string[][] | null> {
    for (;;) {
      if (this.records.length > 0) {
        const batch = this.records;
        this.records = [];
        if (this.parser.isPaused()) this.parser.resume();
        return batch;
      }
      if (this.failure) throw this.failure;
      if (this.done) return null;
      if (this.parser.isPaused()) this.parser.resume();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Our own rejects file, imported again once fixed: its cells were neutralised for spreadsheets, and are restored. */
function isRejectsFile(header: string[]): boolean {
  return header.some((name) => normaliseHeader(restoreNeutralised(name)) === 'safety_scan_reason');
}

/** Opens a file the first pass inspected: rows arrive as they are parsed. */
export async function openTable(inspected: Inspected): Promise<Table> {
  const { detected } = inspected;
  if (detected.format === 'xlsx') {
    const { openWorkbook } = await import('./xlsx.js');
    return openWorkbook(inspected, detected);
  }
  return openText(inspected, detected);
}

async function openText(inspected: Inspected, detected: TextLayout): Promise<Table> {
  const file = inspected.named.file;
  const lineOffset = detected.sepLine ? 1 : 0;
  const source = createReadStream(inspected.named.path, { start: detected.bom, highWaterMark: 64 * 1024 });
  const decoder = detected.encoding === 'utf-8' ? new Utf8Stream(detected.sepLine) : new DecodeStream(detected.encoding, detected.sepLine);
  const parser = new RecordSplitter({
    delimiter: detected.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_empty_lines: false,
  });
  source.on('error', (error) => decoder.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  source.pipe(decoder).pipe(parser);
  const close = () => {
    source.destroy();
    decoder.destroy();
    parser.destroy();
  };

  let line = lineOffset + 1;
  let blank = 0;
  const queue = new RecordQueue(parser);
  const take = async (): Promise<string[][] | null> => {
    try {
      return await queue.take();
    } catch (error) {
      close();
      throw csvError(file, error, line);
    }
  };

  // The header is the first record that is not blank; what follows it in that batch are the first rows.
  let header: string[] | null = null;
  let headerLine = 0;
  let first: string[][] = [];
  try {
    while (!header) {
      const batch = await take();
      if (!batch) break;
      let i = 0;
      for (; i < batch.length && !header; i++) {
        const fields = batch[i];
        const at = line;
        line += 1 + newlinesIn(fields);
        if (isBlank(fields)) continue;
        header = fields;
        headerLine = at;
      }
      first = batch.slice(i);
    }
  } catch (error) {
    close();
    throw error;
  }
  if (!header) {
    close();
    throw new InputError('input.empty', { location: { file } });
  }
  const restore = isRejectsFile(header);
  if (restore) header = header.map(restoreNeutralised);
  // a column without a heading is not read, as in a workbook (README, "Columns without a heading")
  const kept = headedColumns(header);
  const headerWidth = header.length;
  const unheaded = new UnheadedColumns(unheadedOf(headerWidth, kept));
  if (kept !== undefined) header = kept.map((index) => header?.[index] ?? '');
  const columnLabel = kept === undefined ? (index: number) => String(index + 1) : (index: number) => String((index < kept.length ? kept[index] : headerWidth + index - kept.length) + 1);

  /** Numbers a batch of records with their lines, leaving blank rows out (and counting them). */
  const numbered = (batch: string[][]): SourceRow[] => {
    const result: SourceRow[] = [];
    const plain = parser.plainSoFar;
    for (const fields of batch) {
      const at = line;
      line += plain ? 1 : 1 + newlinesIn(fields);
      if (kept !== undefined) unheaded.see(fields);
      const read = kept === undefined ? fields : keptFields(fields, kept, headerWidth);
      if (isBlank(read)) blank++;
      else result.push({ line: at, fields: restore ? read.map(restoreNeutralised) : read });
    }
    return result;
  };

  async function* rows(): AsyncGenerator<SourceRow[]> {
    try {
      if (first.length > 0) yield numbered(first);
      for (;;) {
        const batch = await take();
        if (!batch) return;
        yield numbered(batch);
      }
    } finally {
      close();
    }
  }

  const done = () => (inspected.size > 0 ? Math.min(1, (detected.bom + source.bytesRead) / inspected.size) : 1);
  return { name: file, detected, header, headerLine, rows: rows(), blankRows: () => blank, columnLabel, done, close, unheaded: () => unheaded.columns().map((index) => String(index + 1)) };
}
