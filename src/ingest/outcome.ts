// What an import is asked to do, and what it reports back: the summary, --json and the exit code read this.
import type { Codebook } from '../config/codebook.js';
import type { Translate } from '../i18n/index.js';
import type { Detected } from './detect.js';
import type { IssueCode } from './issues.js';
import type { Kind } from './kinds/kind.js';
import type { Mapping } from './mapping.js';
import type { ReadOptions } from './read.js';

export interface ImportRequest {
  kind: Kind;
  file: string;
  codebook: Codebook;
  wave?: string;
  mapping: Mapping | null;
  strict: boolean;
  dryRun: boolean;
  replace: boolean;
  read: ReadOptions;
  /** The store path decides where the rejects file goes, even when a dry run has no store. */
  storePath: string;
  t: Translate;
  /** When the batch was imported (ISO); injected so tests never depend on the clock. */
  now: () => string;
  onProgress?: (rowsRead: number) => void;
}

export type ImportStatus = 'stored' | 'unchanged' | 'dry_run' | 'strict_failed';

export interface ReasonCount {
  code: IssueCode;
  column: string | null;
  count: number;
}

export interface UnknownDistrict {
  district: string;
  rows: number;
  suggestions: string[];
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

export interface ImportOutcome {
  file: string;
  kind: Kind;
  status: ImportStatus;
  batch: number | null;
  sameAs: number | null;
  sha256: string;
  detected: Detected | null;
  waves: string[];
  /** read = valid + rejected + skipped; stored = valid once the batch is committed, else 0. */
  rows: RowCounts;
  reasons: ReasonCount[];
  /** The first rejected rows' issues, rendered (for --verbose and --json). */
  issues: KeptIssue[];
  rejectsFile: string | null;
  ignoredColumns: string[];
  droppedColumns: string[];
  unusedRenames: string[];
  unknownDistricts: UnknownDistrict[];
  replaced: { rows: number; batches: number[] } | null;
}
