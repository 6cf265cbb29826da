// The one reader every import kind uses: detect, decode, parse as a stream, and number lines exactly.
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { parse, CsvError, type Parser } from 'csv-parse';
import { InputError, UsageError } from '../errors.js';
import { message, phrase } from '../i18n/index.js';
import {
  SAMPLE_BYTES,
  sepLineDelimiter,
  sniffDelimiter,
  sniffEncoding,
  sniffLineEnding,
  type Detected,
  type DetectionSource,
} from './detect.js';
import { DecodeError, DecodeStream, Utf8CheckStream, canonicalEncoding, decodeSample, encodingSupported } from './decode.js';

export const MAX_RECORD_BYTES = 1024 * 1024;

export interface ReadOptions {
  encoding?: string;
  delimiter?: string;
}

export interface SourceRow {
  /** 1-based line in the file where the record starts. */
  line: number;
  fields: string[];
}

export interface Table {
  file: string;
  detected: Detected;
  header: string[];
  headerLine: number;
  /** Rows after the header, in batches as they are parsed; rows whose cells are all empty are skipped and counted. */
  rows: AsyncGenerator<SourceRow[]>;
  blankRows(): number;
}

const DELIMITER_NAMES: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '\\t': '\t', '|': '|', pipe: '|' };

export function parseDelimiterOption(value: string): string {
  const named = DELIMITER_NAMES[value.toLowerCase()];
  if (named) return named;
  if (value.length === 1 && value !== '"' && value !== '\n' && value !== '\r') return value;
  throw new UsageError('usage.bad_delimiter', { value });
}

async function readSample(file: string): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new InputError('input.is_directory', { location: { file } });
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(file, error);
  } finally {
    await handle.close();
  }
}

function fileError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const details = { location: { file }, cause: error };
  if (code === 'ENOENT') return new InputError('input.missing', details);
  if (code === 'EISDIR') return new InputError('input.is_directory', details);
  return new InputError('input.unreadable', { reason: code ?? String(error) }, details);
}

/** Works out encoding, separator and line endings, honouring --encoding and --delimiter. */
export function detect(file: string, sample: Uint8Array, options: ReadOptions): Detected {
  const sniffed = sniffEncoding(sample);
  if (sniffed === 'empty') throw new InputError('input.empty', { location: { file } });
  let encoding: string;
  let bom: number;
  let encodingSource: DetectionSource;
  if (options.encoding) {
    if (!encodingSupported(options.encoding)) throw new UsageError('usage.bad_encoding', { value: options.encoding });
    encoding = canonicalEncoding(options.encoding);
    bom = typeof sniffed === 'object' && sniffed.source === 'bom' && sniffed.encoding === encoding ? sniffed.bom : 0;
    encodingSource = 'option';
  } else {
    if (sniffed === 'binary') throw new InputError('input.binary', { location: { file } });
    ({ encoding, bom } = sniffed);
    encodingSource = sniffed.source;
  }
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
    const sniffedDelimiter = sniffDelimiter(lines);
    delimiter = sniffedDelimiter ?? ',';
    delimiterSource = sniffedDelimiter ? 'sniffed' : 'default';
  }
  return {
    encoding,
    bom,
    delimiter,
    sepLine: sep !== null,
    lineEnding: sniffLineEnding(text),
    source: { encoding: encodingSource, delimiter: delimiterSource },
  };
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
  if (error instanceof DecodeError) {
    return new InputError(
      'input.undecodable',
      { byte: `0x${error.byte.toString(16).padStart(2, '0')}` },
      { location: { file, line: error.line }, hint: message('hint.try_encoding') },
    );
  }
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

  constructor(private readonly parser: Parser) {
    parser.on('data', (record: string[]) => {
      this.records.push(record);
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

/** Opens a CSV export for streaming: detection happens now, rows arrive as they are parsed. */
export async function openTable(file: string, options: ReadOptions = {}): Promise<Table> {
  const sample = await readSample(file);
  const detected = detect(file, sample, options);
  const lineOffset = detected.sepLine ? 1 : 0;
  const source = createReadStream(file, { start: detected.bom, highWaterMark: 64 * 1024 });
  const utf8 = canonicalEncoding(detected.encoding) === 'utf-8';
  const decoder = utf8 ? new Utf8CheckStream(detected.sepLine) : new DecodeStream(detected.encoding, detected.sepLine);
  const parser = parse({
    delimiter: detected.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_empty_lines: false,
  });
  source.on('error', (error) => decoder.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  source.pipe(decoder).pipe(parser);

  let line = lineOffset + 1;
  let blank = 0;
  const queue = new RecordQueue(parser);
  const take = async (): Promise<string[][] | null> => {
    try {
      return await queue.take();
    } catch (error) {
      throw csvError(file, error, line);
    }
  };

  // The header is the first record that is not blank; what follows it in that batch are the first rows.
  let header: string[] | null = null;
  let headerLine = 0;
  let first: string[][] = [];
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
  if (!header) throw new InputError('input.empty', { location: { file } });

  /** Numbers a batch of records with their lines, leaving blank rows out (and counting them). */
  const numbered = (batch: string[][]): SourceRow[] => {
    const result: SourceRow[] = [];
    for (const fields of batch) {
      const at = line;
      line += 1 + newlinesIn(fields);
      if (isBlank(fields)) blank++;
      else result.push({ line: at, fields });
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
      source.destroy();
      parser.destroy();
    }
  }

  return { file, detected, header, headerLine, rows: rows(), blankRows: () => blank };
}
