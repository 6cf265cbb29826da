// A text file's records, split here while its lines are plain: a line with no quote mark and far below the
// record-size limit is, for csv-parse too, nothing but its fields between separators. From the first line that
// is not plain on, csv-parse reads the rest, so quoting, its errors and their lines stay exactly csv-parse's.
import { Transform, type TransformCallback } from 'node:stream';
import { type Options, type Parser, parse } from 'csv-parse';

const NEWLINE = 10;
const QUOTE = 34;
/** The longest line split here: a sixteenth of the parser's limit, which it can then never reach. */
export const PLAIN_LINE_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/** UTF-8 bytes with line feeds for line ends in, records out (a batch per chunk, or one at a time from csv-parse). */
export class RecordSplitter extends Transform {
  private carry: Buffer = EMPTY;
  private parser: Parser | null = null;
  private readonly delimiter: string;

  constructor(private readonly options: Options & { delimiter: string }) {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
    this.delimiter = options.delimiter;
  }

  /** True while every record so far came from a plain line: none of them holds a line feed. */
  get plainSoFar(): boolean {
    return this.parser === null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.parser) {
      toParser(this.parser, chunk, callback);
      return;
    }
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const rest = this.splitPlain(bytes);
    const tail = bytes.subarray(rest);
    if (tail.length > PLAIN_LINE_BYTES || tail.indexOf(QUOTE) >= 0 || tail.indexOf(NEWLINE) >= 0) this.fallBack(tail, callback);
    else {
      this.carry = Buffer.from(tail); // a copy: the chunk is let go
      callback();
    }
  }

  override _flush(callback: TransformCallback): void {
    const parser = this.parser;
    if (parser) {
      parser.once('end', () => callback());
      parser.end();
      return;
    }
    // The last line, without a line feed after it; an empty one is no record (as csv-parse has it).
    if (this.carry.length > 0) this.push([this.carry.toString('utf8').split(this.delimiter)]);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.parser?.destroy();
    callback(error);
  }

  /** Pushes the records of the whole plain lines at the start of `bytes`; returns where the first other line starts. */
  private splitPlain(bytes: Buffer): number {
    const quote = bytes.indexOf(QUOTE);
    const before = quote < 0 ? bytes.length : quote;
    const records: string[][] = [];
    let start = 0;
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0 || end > before || end - start > PLAIN_LINE_BYTES) break;
      records.push(bytes.toString('utf8', start, end).split(this.delimiter));
      start = end + 1;
    }
    if (records.length > 0) this.push(records);
    return start;
  }

  /** csv-parse takes over at the start of a line, in the state it has there: outside quotes, nothing pending. */
  private fallBack(rest: Buffer, callback: TransformCallback): void {
    const parser = parse(this.options);
    this.parser = parser;
    this.carry = EMPTY;
    parser.on('data', (record: string[]) => this.push([record]));
    parser.on('error', (error) => this.destroy(error));
    toParser(parser, rest, callback);
  }
}

/** Bytes to csv-parse, with its backpressure: the next chunk comes once it has room. */
function toParser(parser: Parser, bytes: Buffer, callback: TransformCallback): void {
  if (parser.write(bytes)) callback();
  else parser.once('drain', () => callback());
}
