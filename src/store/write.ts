// The write side of the store seam: everything `import`, `forget` and `map` do to a store, so that one import
// pipeline serves the embedded SQLite store (src/store/write-sqlite.ts, synchronous statements inside one
// transaction) and a zone of the shared PostgreSQL store (src/store/pg/write.ts, COPY inside one transaction;
// README, Many zones in one PostgreSQL store). Rows are handed over one at a time and synchronously (the
// pipeline's per-row work never awaits); what a store does with them asynchronously it finishes in `flush`.
import type { Kind } from '../ingest/kinds/kind.js';
import type { BatchRecord, RowCounts } from './batches.js';
import type { Decision } from './db.js';
import type { SurveyDistricts, DistrictTable } from './districts.js';
import type { PopulationFigure, PopulationLine, Summed, WaveFigures, FiguresNeed } from './population.js';
import type { KeyFigure, MonitorResult, Signal, StoredAt, StoredSignals } from './tables.js';

/** Pseudonyms and their batches: no source line is kept beside a pseudonym (it would link it to an export's row). */
export interface StoredKeys {
  keys: Uint32Array;
  batches: Int32Array;
  /** The store's name, for a damaged-store message (a pseudonym repeated within one batch's wave). */
  store: string;
}

/** Where a batch's rows go: one method per table, each row as the import's row schemas output it. */
export interface RowTarget {
  population(batch: number, line: number, figure: PopulationFigure): void;
  /** `interview` is the interview id's pseudonym: the id itself is never stored. */
  keyfigure(batch: number, row: KeyFigure, interview: string): void;
  monitor(batch: number, line: number, row: MonitorResult): void;
  signal(batch: number, line: number, wave: string, row: Signal): void;
  surveyChunk(batch: number, wave: string, chunk: number, rows: number, districts: string, items: string): void;
  surveyColumn(batch: number, wave: string, chunk: number, name: string, data: Buffer): void;
  /** While rows handed over are still far from written, a promise of when they are nearer (the reader waits; it rejects when sending failed); else undefined. */
  behind(): Promise<void> | undefined;
}

/**
 * What an import reads of the rows stored before it, synchronously (the duplicate check asks once per row):
 * looked up in the open transaction (SQLite), or read once when the transaction starts (PostgreSQL).
 */
export interface StoredRows {
  /** Pseudonyms and batches of a wave's stored respondents. */
  surveyKeys(wave: string): StoredKeys;
  /** The batch holding the same figure (district, sex, age group, or the margin or total without them) for the same wave (or none). */
  populationAt(figure: Omit<PopulationFigure, 'population'>): StoredAt | null;
  /** The batch holding the same interview's answer about the same district and theme in the same wave. */
  keyfigureAt(row: KeyFigure, interview: string): StoredAt | null;
  /** The batch holding the result for the same area and indicator in the same wave. */
  monitorAt(row: Pick<MonitorResult, 'wave' | 'area' | 'indicator'>): StoredAt | null;
  /** A wave's stored signals, for the overlap check; asked before any of the import's own rows of that wave is written. */
  signalsOf(wave: string): StoredSignals;
  /** The population figures a wave is weighted with (a survey's age bands are checked against their groups). */
  populationFigures(wave: string, need?: FiguresNeed): WaveFigures;
}

/** What the pipeline's per-row work is given inside an import's transaction. */
export interface WriteTarget extends RowTarget, StoredRows {}

/** A stored key figure's identity and batch. */
export interface KeyfigureKey {
  wave: string;
  interview: string;
  district: string;
  theme: string;
  batch_id: number;
}

/** The stored districts population figures respell (src/ingest/respell.ts), inside their batch's transaction. */
export interface StoredDistricts {
  surveyDistricts(): Promise<SurveyDistricts[]>;
  renameSurveyDistricts(chunk: SurveyDistricts, names: readonly string[]): Promise<void>;
  districtRows(table: DistrictTable): Promise<Array<{ district: string; rows: number }>>;
  /** Renames one district in a table; the number of rows renamed. */
  renameDistrict(table: DistrictTable, from: string, to: string): Promise<number>;
}

/** One survey wave's respondents with and without a supplied weight. */
export interface SuppliedWeights {
  wave: string;
  weighted: number;
  unweighted: number;
}

/**
 * The query behind `suppliedWeights`, the same for both engines but for PostgreSQL's zone column: a chunk
 * holds a `weight` column when its file had one (every row then has a weight, src/ingest/kinds/survey.ts).
 */
export function suppliedWeightsQuery(zoned: boolean): string {
  const zone = zoned ? 'w.zone = c.zone AND ' : '';
  return `SELECT c.wave AS wave,
            SUM(CASE WHEN w.name IS NULL THEN 0 ELSE c.rows END) AS weighted,
            SUM(CASE WHEN w.name IS NULL THEN c.rows ELSE 0 END) AS unweighted
          FROM survey_chunks c
          LEFT JOIN survey_columns w ON ${zone}w.batch_id = c.batch_id AND w.wave = c.wave AND w.chunk = c.chunk AND w.name = 'weight'
          GROUP BY c.wave ORDER BY c.wave`;
}

/** What an import reads of the batches and population figures stored, inside its transaction or before it. */
export interface BatchReads {
  /** The batch already holding this content (the same rows with the same meaning): its digest one of `digests`. */
  sameContent(kind: Kind, digests: readonly string[]): Promise<number | null>;
  /** Districts of the population figures of these waves (and of those that serve every wave). */
  populationDistricts(waves: string[]): Promise<string[]>;
  /** The waves population figures are stored for, without the figures that serve every wave. */
  populationWaves(): Promise<string[]>;
  /** The safety monitor's areas stored, of every wave, as stored. */
  monitorAreas(): Promise<string[]>;
  /** The stored key figures' identities (wave, interview's pseudonym, district, theme) and batches: a dry run's respell check. */
  keyfigureKeys(): Promise<KeyfigureKey[]>;
  /** Per survey wave stored, its respondents with a supplied weight and without one (by their chunk's columns). */
  suppliedWeights(): Promise<SuppliedWeights[]>;
  /** Rows per kind and wave. */
  counts(): Promise<RowCounts>;
  batches(): Promise<BatchRecord[]>;
}

/** One import's transaction: a batch made, its rows written, and the batch completed or everything rolled back. */
export interface ImportTransaction extends WriteTarget, StoredDistricts, BatchReads {
  createBatch(kind: Kind, file: string, sha256: string, optionsDigest: string, toolVersion: string, importedAt: string): Promise<number>;
  /** Writes everything handed over so far; a failure here (a lost connection) fails the import. */
  flush(): Promise<void>;
  /**
   * Removes rows of `kind` for these waves held by other batches (for --replace); returns rows and batches removed.
   * `upTo` (several files in one command): only batches up to this id, those stored before the command.
   */
  replaceWaves(kind: Kind, waves: string[], keepBatch: number, upTo: number | null): Promise<{ rows: number; batches: number[] }>;
  finishBatch(id: number, waves: string[], read: number, stored: number, rejected: number, details: Record<string, unknown>): Promise<void>;
  /**
   * The population figures as stored now, this batch's rows among them, every cell, margin or total added up;
   * a sum above the limit of a stored figure is left for the import to refuse (SummedBound `importing`).
   */
  summedPopulation(): Promise<Summed[]>;
  /** Where a batch's population figures come from: the line of each figure, with its wave, district, sex and age group. */
  populationLines(batch: number): Promise<PopulationLine[]>;
}

/** A store as `import`, `forget` and `map` write and read it. */
export interface StoreWriter extends BatchReads {
  /** The store as messages name it (a file, or a URL without its password). */
  readonly name: string;
  /** The key respondent and interview ids are pseudonymised with (the store's, or the zone's). */
  secret(): Promise<Buffer>;
  /** The batch that stored these very bytes (its digest one of `digests`) read with the same options, if any. */
  findSame(kind: Kind, digests: readonly string[], optionsDigest: string): Promise<number | null>;
  /**
   * Keys the digests of batches of pseudonymised rows stored before digests were keyed (`keyedDigest`), so that
   * none is left plain; a store written by an import has none left.
   */
  keyDigests(key: Buffer): Promise<void>;
  /** What a dry run reads of the stored rows of one kind (outside any transaction). */
  stored(kind: Kind): Promise<StoredRows>;
  /** The population figures as stored, added up as `ImportTransaction.summedPopulation` gives them (a dry run's checks, outside any transaction). */
  summedPopulation(): Promise<Summed[]>;
  /**
   * Runs one import of `kind` in one transaction: `{ commit: false }` rolls back, anything else commits; a
   * throw rolls back and is rethrown (a store failure as a store error).
   */
  importing<T extends Decision>(kind: Kind, work: (tx: ImportTransaction) => Promise<T>): Promise<T>;
  /** Removes one batch and its rows; false when there is none of that number. */
  forget(id: number): Promise<boolean>;
  /**
   * After rows were removed (forget, import --replace): true when they can still be read from a file beside the
   * store, because another program's open read keeps SQLite's `-wal` file from being emptied; false once they are
   * overwritten everywhere, and always for PostgreSQL (whose server files are its administrator's).
   */
  removedStillLogged(): Promise<boolean>;
  close(): Promise<void>;
}
