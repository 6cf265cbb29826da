// The record splitter gives exactly what csv-parse gives, for any text in any chunking: plain lines split
// here, quoted and over-long ones (and everything after them) read by csv-parse, its errors included.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { PLAIN_LINE_BYTES, RecordSplitter } from '../../src/ingest/plain-records.js';

const OPTIONS = { relax_column_count: true, relax_quotes: true, max_record_size: 1024 * 1024, skip_empty_lines: false };

type Outcome = { records: string[][]; error: string | null };

async function drain(stream: NodeJS.ReadableStream, flatten: (data: unknown) => string[][]): Promise<Outcome> {
  const records: string[][] = [];
  return new Promise((resolve) => {
    stream.on('data', (data) => records.push(...flatten(data)));
    stream.on('end', () => resolve({ records, error: null }));
    stream.on('error', (error) => resolve({ records, error: error instanceof CsvError ? error.code : String(error) }));
  });
}

function chunks(text: string, sizes: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length];
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function bySplitter(text: string, delimiter: string, sizes: number[]): Promise<Outcome> {
  const splitter = new RecordSplitter({ ...OPTIONS, delimiter });
  Readable.from(chunks(text, sizes)).pipe(splitter);
  return drain(splitter, (batch) => batch as string[][]);
}

function byCsvParse(text: string, delimiter: string): Promise<Outcome> {
  const parser = parse({ ...OPTIONS, delimiter });
  Readable.from([Buffer.from(text)]).pipe(parser);
  return drain(parser, (record) => [record as string[]]);
}

/** A seeded generator of awkward CSV text: empty lines and fields, separators at line ends, quotes anywhere. */
function awkwardText(seed: number, lines: number, quotes: boolean): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const pieces = ['a', 'é', 'District 0001', '', ' ', '12', ';', ';;', '€', 'x y', ...(quotes ? ['"', '""', '"q;r"', '"a\nb"'] : [])];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const count = Math.floor(next() * 6);
    let line = '';
    for (let k = 0; k < count; k++) line += pieces[Math.floor(next() * pieces.length)];
    out.push(line);
  }
  return out.join('\n') + (next() < 0.5 ? '\n' : '');
}

describe('RecordSplitter', () => {
  const cases: Array<[string, string]> = [
    ['empty lines, a last line without a line feed', 'a;b\n\n;\nc;;d\n\ne'],
    ['a file ending in empty lines', 'a;b\n1;2\n\n\n'],
    ['only a header', 'a;b;c'],
    ['a quoted field after plain lines', 'a;b\n1;2\n"x;y";3\n4;5\n'],
    ['a quoted field spanning lines', 'a;b\n1;"two\nlines"\n4;5'],
    ['a quote inside a plain field', 'a;b\n1;5"\n7;8\n'],
    ['a quote never closed', 'a;b\n1;2\n"open;3\n4;5\n'],
    ['multi-byte characters on chunk edges', 'naam;wijk\nélève;Sint-Amandsberg\nÆbleø;Zürich\n'],
  ];
  for (const [name, text] of cases) {
    it(`splits as csv-parse does: ${name}`, async () => {
      const expected = await byCsvParse(text, ';');
      for (const sizes of [[1], [2, 3], [7], [1 << 16]]) expect(await bySplitter(text, ';', sizes)).toEqual(expected);
    });
  }

  it('matches csv-parse on seeded awkward text, with and without quotes, in odd chunkings', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const text = awkwardText(seed, 40, seed % 2 === 0);
      const expected = await byCsvParse(text, ';');
      expect(await bySplitter(text, ';', [1 + (seed % 13), 5, 64])).toEqual(expected);
    }
  });

  it('leaves a line longer than it splits to csv-parse, which then reads the rest', async () => {
    const long = 'x'.repeat(PLAIN_LINE_BYTES + 10);
    const text = `a,b\n1,2\n${long},3\n4,5\n`;
    const outcome = await bySplitter(text, ',', [4096]);
    expect(outcome).toEqual(await byCsvParse(text, ','));
    expect(outcome.records.map((record) => record.length)).toEqual([2, 2, 2, 2]);
  });

  it('reports csv-parse’s record-size error for a record past the limit', async () => {
    const text = `a,b\n1,${'x'.repeat(1024 * 1024 + 1)}\n`;
    const outcome = await bySplitter(text, ',', [65536]);
    expect(outcome.error).toBe('CSV_MAX_RECORD_SIZE');
    expect(outcome.records).toEqual([['a', 'b']]);
  });

  it('splits on a tab or a multi-byte separator', async () => {
    for (const delimiter of ['\t', '§']) {
      const text = `a${delimiter}b\n1${delimiter}${delimiter}2\n`;
      expect(await bySplitter(text, delimiter, [3])).toEqual({ records: [['a', 'b'], ['1', '', '2']], error: null });
    }
  });
});
