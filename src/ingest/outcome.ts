// What an import is asked to do, and what it reports back: the summary, --json and the exit code read this.
import type { Codebook } from '../config/codebook.js';
import type { Translate } from '../i18n/index.js';
import type { Detected } from './detect.js';
import type { IssueCode } from './issues.js';
import type { Kind } from './kinds/kind.js';
import type { Mapping } from './mapping.js';
import type { ReadOptions } from './read.js';

/** How many rejected rows a file may have and still be stored: --strict is a limit of 0. */
export type RejectsLimit = { rows: number; option: string } | { share: number; option: string };

export interface ImportRequest {
  kind: Kind;
  /** The file as the user named it: messages, the summary and the batch show this. */
  file: string;
  /** Where the file is opened (the name resolved against the run's working folder); `file` when absent. */
  path?: string;
  codebook: Codebook;
  /** `estimates: min_cell`: a refused cell's text that this many rows share is shown (`sharedRefusedCell`); 10 when absent. */
  minCell?: number;
  wave?: string;
  mapping: Mapping | null;
  strict: boolean;
  /** --max-rejects; --strict counts as a limit of 0 rows. */
  maxRejects?: RejectsLimit;
  dryRun: boolean;
  replace: boolean;
  read: ReadOptions;
  /** `districts:` renames from the configuration: an export's spelling -> the population figures'. */
  districtRenames?: Readonly<Record<string, string>>;
  /** The configured zone's name (`zone:`): no district may be called that, as it would print as the zone. */
  zone?: string;
  /** The store path decides where the rejects file goes, even when a dry run has no store. */
  storePath: string;
  /** --replace with several files: the highest batch id before the command; only batches up to it are replaced. */
  replaceUpTo?: number;
  /** --replace --dry-run with several files: the waves earlier files of the command would replace already. */
  replaceClaimed?: readonly string[];
  /** False when an earlier check of the same run already wrote this file's rejects (--strict with several files). */
  writeRejects?: boolean;
  /** The most rows the rejects file holds (REJECTS_WRITTEN); injected by tests. */
  rejectsWritten?: number;
  t: Translate;
  /** When the batch was imported (ISO); injected so tests never depend on the clock. */
  now: () => string;
  onProgress?: (rowsRead: number, done: number | null) => void;
  /** Aborted when the run is asked to stop (src/cli/interrupt.ts): the rows stop, and what was written is rolled back. */
  interrupted?: AbortSignal;
}

export type ImportStatus = 'stored' | 'unchanged' | 'dry_run' | 'strict_failed';

export interface ReasonCount {
  code: IssueCode;
  column: string | null;
  count: number;
  /** The first row refused for this reason: its line, the message and the offending value. */
  line: number;
  message: string;
  value: string;
}

export interface UnknownDistrict {
  district: string;
  rows: number;
  suggestions: string[];
}

/** What new population figures did to the districts stored before them (src/ingest/respell.ts). */
export interface Respelled {
  /** Stored rows (respondents, interviews, signals) whose district now follows the population's spelling. */
  rows: number;
  /** Stored districts the population figures do not know, the most rows first (suggestions for the first few). */
  unknown: UnknownDistrict[];
  unknownCount: number;
}

/** Residents outside the configured age groups on one side, and the rows that held them (wholly or in part). */
export interface LeftOutAges {
  /** the first age inside the groups (younger) or the last (older; null for an open oldest group) */
  age: number | null;
  rows: number;
  residents: number;
}

/** Population figures only: rows of the file added up into one figure, and residents outside the age groups. */
export interface FiguresAccount {
  /** rows that gave a figure another row of the file gave too, and the figures they added up to */
  combined: { rows: number; figures: number };
  younger: LeftOutAges;
  older: LeftOutAges;
  /** rows skipped whole for their age (counted in `RowCounts.skipped` too) */
  rowsLeftOut: number;
}

/** Respondents stored with an age outside the configured age groups, on each side (`age`: the bound they are beyond). */
export interface OutsideAgeGroups {
  younger: { age: number; rows: number };
  older: { age: number | null; rows: number };
}

export interface RowCounts {
  read: number;
  valid: number;
  stored: number;
  rejected: number;
  skipped: number;
  blank: number;
}

export interface KeptIssue {
  file: string;
  line: number;
  column: string | null;
  code: IssueCode;
  message: string;
  value: string;
}

/** Stored rows that rows of the file equal (signals, which have no identity), and the batches holding them. */
export interface Overlap {
  rows: number;
  batches: number[];
}

/** A monitor area that is no district but reads as `district` misspelt. */
export interface AreaLikeDistrict {
  area: string;
  district: string;
}

export interface ImportOutcome {
  /** The file as the user named it. */
  file: string;
  kind: Kind;
  status: ImportStatus;
  batch: number | null;
  sameAs: number | null;
  /** Signals only: rows equal to stored ones (all of them when unchanged by rows; else a few, stored as new occasions). */
  overlap: Overlap | null;
  /**
   * The file's digest as the store keeps it (`status --json` shows the same): keyed for a pseudonymised kind,
   * null for one when no store (no key) is at hand; plain for kinds that hold no ids.
   */
  sha256: string | null;
  detected: Detected | null;
  waves: string[];
  /** read = valid + rejected + skipped; stored = valid once the batch is committed, else 0. */
  rows: RowCounts;
  reasons: ReasonCount[];
  /** The first rejected rows' issues, rendered (for --verbose and --json). */
  issues: KeptIssue[];
  rejectsFile: string | null;
  /** Refused rows left out of the rejects file (beyond REJECTS_WRITTEN); counted in `rows.rejected` all the same. */
  rejectsLeftOut: number;
  /** The rejects folder, when it was open to other users and this import made it readable by the owner only. */
  rejectsFolderTightened?: string;
  ignoredColumns: string[];
  /**
   * Survey: the first and last day in the column that marks a finished answer (LimeSurvey's submit date), when it
   * writes days year first; absent or null: none.
   */
  submitted?: { first: string; last: string } | null;
  /** Date columns read month first, as their cells showed (`12/31/2025`): their headings as shown. */
  monthFirstColumns: string[];
  droppedColumns: string[];
  unusedRenames: string[];
  /** `keep:` values no row of the file held, per column (its heading as shown, the values as the mapping writes them, personal data withheld: shownMappingValue). */
  unmatchedKeep: Array<{ column: string; values: string[] }>;
  /** Columns without a heading that held something, not read: by letter in a workbook, by number in a text file. */
  unheadedColumns: string[];
  /** Rows stored earlier that --replace removed (or, in a dry run, would remove); null for a file that stores nothing (strict_failed). */
  replaced: { rows: number; batches: number[] } | null;
  /** Population figures only: the stored districts brought to their spelling, and those they do not know. */
  respelled: Respelled | null;
  /**
   * Survey, signals and key figures: the districts of the file's valid rows when the store has no population figures
   * to check their names against (README, Districts: import the population figures first); null otherwise.
   */
  uncheckedDistricts: number | null;
  /** Survey: respondents stored with an age outside the age groups; null for other kinds or when there are none. */
  outsideAgeGroups: OutsideAgeGroups | null;
  /** Population figures only: rows added up and residents outside the age groups. */
  figures: FiguresAccount | null;
  /** Counts of the stored rows written a hair off a whole number (a spreadsheet's sum) and read as it, and the first one's line; absent or null: none. */
  roundedCounts?: { count: number; line: number } | null;
  /**
   * Monitor: areas the file wrote that are no district but read as one misspelt (at most 8), each with that
   * district; population: such areas stored earlier, read against the districts of the figures. Absent or null: none.
   */
  areasLikeDistricts?: AreaLikeDistrict[] | null;
  /** The rejects limit the file went beyond (status strict_failed). */
  limit: RejectsLimit | null;
}
