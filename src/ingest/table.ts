// What a reader hands the import: a table of rows numbered by their line, from a text file or a workbook.
// Its own module, so the readers of both formats share it without depending on each other.
import type { Detected } from './detect.js';
import type { Named } from './encoding.js';

/** The longest record either reader takes (1 MB): a longer one is no survey row, and is refused as a whole-file problem. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface SourceRow {
  /** 1-based line in the file where the record starts (the row number in a workbook). */
  line: number;
  fields: string[];
  /** A workbook row with cells beyond its header: `fields` holds the header's columns only. */
  beyond?: Beyond;
}

/**
 * The fields of a workbook row beyond its header's columns, told without a field for each: how many fields the
 * row has in all, as it would with them written out (as a text file writes them), and those of them that are not
 * empty, each at its position. A cell at XFD under a header of six columns made 16,384 fields of every row,
 * gigabytes over a sheet of a megabyte (adversarial run r18, F5); a text file pays for its fields in its size.
 */
export interface Beyond {
  count: number;
  /** The positions (0-based, among the row's fields) of the fields that are not empty, in order, and their texts. */
  positions: number[];
  texts: string[];
}

/** What the first pass learnt about a file: its hash, and how it is read. */
export interface Inspected {
  named: Named;
  sha256: string;
  size: number;
  detected: Detected;
}

export interface Table {
  /** The file as messages name it: as the user typed it, and for a workbook with its sheet (`survey.xlsx[Blad1]`). */
  name: string;
  detected: Detected;
  header: string[];
  headerLine: number;
  /** Rows after the header, in batches as they are parsed; rows whose cells are all empty are skipped and counted. */
  rows: AsyncGenerator<SourceRow[]>;
  blankRows(): number;
  /** How messages name a column (0-based index): its number in a text file, its letter in a workbook. */
  columnLabel(index: number): string;
  /** How far through the file reading is, 0 to 1, or null where that cannot be told (a workbook). */
  done(): number | null;
  /** Lets go of the file, also when its rows were never read. */
  close(): void;
  /**
   * The columns without a heading that held something in the rows read so far, as messages name them (`G`, `7`):
   * they are not read (README, "Columns without a heading").
   */
  unheaded(): string[];
}

/**
 * The columns of the header read (0-based): each with a heading; undefined when all have one. A column without
 * a heading is not read, even where its cells hold something: no column of the import's could take them, and
 * each row would carry a field for it (a header with one stray cell at XFD1 made each row 16,384 fields,
 * gigabytes over a sheet; adversarial run r12, finding 5). Messages still name each cell by its own letter
 * or number. The same in a text file and in a workbook.
 */
export function headedColumns(header: readonly string[]): number[] | undefined {
  const kept: number[] = [];
  for (let index = 0; index < header.length; index++) if (header[index].trim() !== '') kept.push(index);
  return kept.length === header.length ? undefined : kept;
}

/**
 * A row's cells in the kept columns, then those after the header's `width` up to the last that holds something
 * (a row longer than the header stays longer).
 */
export function keptFields(values: readonly string[], kept: readonly number[], width: number): string[] {
  const fields: string[] = [];
  for (const index of kept) {
    if (index >= values.length) break; // a row shorter than the header stays shorter
    fields.push(values[index]);
  }
  let last = values.length;
  while (last > width && values[last - 1].trim() === '') last--;
  for (let index = width; index < last; index++) fields.push(values[index]);
  return fields;
}

/**
 * The columns without a heading that hold something, marked as rows are read: `unheaded` lists the headerless
 * columns (sorted), `found` which of them held a cell. Only a row's own cells are looked at, so a header with
 * thousands of empty cells costs nothing on rows of a few.
 */
export class UnheadedColumns {
  private readonly found = new Set<number>();
  constructor(private readonly unheaded: readonly number[]) {}

  see(values: readonly string[]): void {
    for (let i = 0; i < this.unheaded.length && this.unheaded[i] < values.length; i++) {
      const index = this.unheaded[i];
      if (!this.found.has(index) && values[index].trim() !== '') this.found.add(index);
    }
  }

  /** One cell of a row, in a column without a heading (`index`, one of `unheaded`): marked when it holds something. */
  seeCell(index: number, value: string): void {
    if (value.trim() !== '') this.found.add(index);
  }

  /** The columns found holding something, by position (0-based), in order. */
  columns(): number[] {
    return [...this.found].sort((a, b) => a - b);
  }
}

/** The columns of `width` not in `kept` (both sorted). */
export function unheadedOf(width: number, kept: readonly number[] | undefined): number[] {
  if (kept === undefined) return [];
  const set = new Set(kept);
  const left: number[] = [];
  for (let index = 0; index < width; index++) if (!set.has(index)) left.push(index);
  return left;
}
