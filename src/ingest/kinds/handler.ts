// What a kind of source declares about itself: everything the import pipeline knows about kinds is here.
import type { z } from 'zod';
import type { Codebook } from '../../config/codebook.js';
import type { Message } from '../../i18n/index.js';
import type { StoredKeys } from '../../store/write.js';
import type { StoredAt, StoredSignals } from '../../store/tables.js';
import type { StoredRows, WriteTarget } from '../../store/write.js';
import type { IssueCode } from '../issues.js';
import type { FiguresAccount } from '../outcome.js';
import type { MappingSpec } from '../mapping.js';
import type { ColumnPlan } from '../column-plan.js';
import type { ColumnSpec } from './columns.js';
import type { Kind } from './kind.js';

/** A valid row of each kind, as its row schema outputs it. */
/**
 * Each kind's row type, as its handler module declares it (`declare module './handler.js'`), so this module
 * names them without importing the handlers, which import it.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one member per kind module
export interface Rows {}

export type Row<K extends Kind> = Rows[K];

/** A kind's layout for one codebook: survey items, themes and indicators are configuration, not code. */
export interface KindLayout<K extends Kind> {
  readonly kind: K;
  readonly columns: readonly ColumnSpec[];
  /**
   * The row schema: its output is the row type carried through the pipeline, and its fields judge the cells
   * of their columns (answer columns are judged by their item's scale).
   */
  readonly row: z.ZodObject<Record<string, z.ZodType>, z.core.$ZodObjectConfig> & z.ZodType<Row<K>>;
  /** Refuses a header that has the required columns but still could not give a usable row. */
  checkColumns?(found: ReadonlySet<string>, file: string, header: readonly string[]): void;
  /**
   * True when a row lies outside what this import counts (residents younger than the youngest age group):
   * skipped and counted like a mapping's skip rule. `cell` gives a planned column's converted value.
   */
  leftOut?(cell: (column: string) => unknown): boolean;
  /** A valid row that makes the whole file unusable (an age band across two age groups): the file is refused there. */
  refuse?(row: Row<K>): FileRefusal | null;
  /** Checks across columns that follow the codebook (a long monitor row's numbers on its indicator's scale), before the kind's own: one issue per cell. */
  crossCheck?(row: Row<K>): CrossIssue[];
}

/** Why one row stops the whole import, and the column it is about. */
export interface FileRefusal {
  column: string;
  message: Message;
  hint?: Message;
}

/** A row's pseudonymised id: the first 64 bits of its keyed hash. Valid only during the call it is passed to. */
export interface Pseudonym {
  hi: number;
  lo: number;
}

/** The column holding a personal id, hashed with the store's secret before the row goes further. */
export interface Identity<K extends Kind> {
  readonly column: string;
  id(row: Row<K>): string;
}

/** Where a duplicate's first occurrence is: a line of this file, or a stored batch (whose lines are not kept). */
export type Earlier = { line: number; batch?: undefined } | { batch: number; line?: undefined };

/**
 * When two rows of one wave are the same row: the later one is refused, pointing at the first. Identity is
 * either the pseudonymised id (kept in a compact index of 64-bit keys: a million respondents, no strings)
 * or a set of columns (looked up row by row in the store). Each form brings its lookup of stored copies.
 * Rows without an identity (signals: two alike are two occasions) are never refused one by one; `overlap`
 * counts the stored rows they equal, and the import judges the file as a whole (src/ingest/duplicates.ts).
 */
export type DuplicateRule<K extends Kind> =
  | {
      readonly by: 'pseudonym';
      /** The column a duplicate is reported on. */
      readonly column: string;
      storedKeys(stored: StoredRows, wave: string): StoredKeys;
    }
  | {
      readonly by: 'columns';
      readonly column: string;
      key(row: Row<K>, pseudonym: Pseudonym | null): string;
      /**
       * Rows of one file with the same key add up instead (population figures: Statbel's rows per nationality); only a
       * row whose key an earlier file of the same command gave is a duplicate, as it is once that file is stored.
       */
      readonly addsUpInFile?: boolean;
      /** What a duplicate is, beside the column's value (the monitor's area, wave and indicators), for its message. */
      about?(row: Row<K>): { area: string; wave: string; indicators: string };
      storedCopies(stored: StoredRows): (row: Row<K>, pseudonym: Pseudonym | null) => StoredAt | null;
    }
  | {
      readonly by: 'overlap';
      key(row: Row<K>): string;
      storedCopies(stored: StoredRows, wave: string): StoredSignals;
    };

/** A problem across the columns of a row whose cells are each valid. */
export interface CrossIssue {
  column: string;
  code: IssueCode;
  /** Extra facts for the message (the other column a cell contradicts, and its value). */
  detail?: Record<string, string | number>;
}

/** A kind's own account of one pass over a file's rows, beyond the counts every kind keeps. */
export interface RowAccount<K extends Kind> {
  /** The layout's `leftOut`, counting what it leaves out. */
  leftOut(cell: (column: string) => unknown): boolean;
  /** A row that passed every check. */
  kept(row: Row<K>): void;
  result(): FiguresAccount;
}

/** Writes one batch's typed rows into the store's target, inside the caller's transaction. */
export interface Sink<K extends Kind> {
  add(row: Row<K>, line: number, pseudonym: Pseudonym | null): void;
  /** Writes what is still buffered. */
  finish(): void;
}

export interface KindHandler<K extends Kind> {
  readonly kind: K;
  layout(codebook: Codebook): KindLayout<K>;
  /** Columns that tell this kind apart, for "this looks like a keyfigures file, not survey". */
  readonly signature: readonly string[];
  /** The personal id that is pseudonymised (null: rows of this kind name no person). */
  readonly identity: Identity<K> | null;
  /** When a row, or a file, repeats what is stored or came earlier in the file; null: never. */
  readonly duplicates: DuplicateRule<K> | null;
  /** Checks across columns once every cell is valid (a monitor value inside its interval). */
  crossCheck?(row: Row<K>): CrossIssue | null;
  /** Fills in what a valid row implies (a signal's wave from its date). */
  complete?(row: Row<K>): void;
  /** The district a row is about, when the population figures should know it (null: not checked). */
  readonly checkedDistrict: ((row: Row<K>) => string) | null;
  /** The built-in mappings (`--preset`) this kind accepts, by name. */
  readonly presets: Readonly<Record<string, MappingSpec>>;
  /**
   * A respondent's age, for the count of respondents outside the configured age groups (survey): such a row is
   * stored, but weighting leaves it out, and without weighting it counts (adversarial run r31, A1).
   */
  readonly ageOf?: (row: Row<K>) => number | undefined;
  /** A fresh account for one pass over a file (population figures: rows added up, residents left out). */
  account?(layout: KindLayout<K>, codebook: Codebook): RowAccount<K>;
  /** Opens the sink for one batch: its rows go to the target (and a survey's age bands are checked against its figures). */
  sink(target: WriteTarget, batch: number, plan: ColumnPlan): Sink<K>;
  /**
   * The checks `sink` makes, for a dry run, which writes nothing: a survey's age bands against the stored figures, a
   * monitor's bound rows merged and checked. A dry run said exit 0 where the import stopped with exit 3 (r33, left
   * item). Kinds whose sink only writes have none.
   */
  drySink?(stored: FiguresReads, plan: ColumnPlan): Sink<K>;
}

/** What a dry run's sink reads of the store: the population figures (none for a store not made yet: NO_FIGURES). */
export type FiguresReads = Pick<StoredRows, 'populationFigures'>;

/** A store not made yet holds no population figures. */
export const NO_FIGURES: FiguresReads = { populationFigures: () => ({ rows: [], fromAllWaves: [], fromMargins: [] }) };
