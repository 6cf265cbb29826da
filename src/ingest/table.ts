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
}
