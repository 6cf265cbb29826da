// The read side of the store seam: every read the evidence layer (src/evidence/evidence.ts) makes of a store,
// each returning a Promise, so that one evidence layer can serve the embedded SQLite store (synchronous,
// better-sqlite3) and the shared PostgreSQL store (asynchronous, `pg`; README, Many zones in one PostgreSQL
// store). `SqliteReader` wraps the synchronous reads of src/store/*.ts: one await per read, never per row,
// so SQLite loses no speed. A PostgreSQL reader implements the same interface next; commands do not change.
import type { Codebook } from '../config/codebook.js';
import { Batches, type BatchRecord, type RowCounts } from './batches.js';
import { Store } from './db.js';
import type { KeyPlace, KeyWhere } from './key.js';
import { populationFigures, type FiguresNeed, type WaveFigures } from './population.js';
import { keyFiguresFor, monitorRows, signalsBetween, type KeyFigureRow, type MonitorRow, type SignalRow } from './sources.js';
import { loadSurveyWave, surveyWaves, type ItemScales, type SurveyWave } from './survey.js';

export type { RowCounts } from './batches.js';

export interface StoreReader {
  /** The survey waves in the store, oldest first. */
  surveyWaves(): Promise<string[]>;
  /** One wave's respondents, column-wise; answers off their item's scale in `scales` are a damaged store. */
  surveyWave(wave: string, scales: ItemScales): Promise<SurveyWave>;
  /** The population figures that hold for a wave, in the shape the weighting method needs. */
  populationFigures(wave: string, need: FiguresNeed): Promise<WaveFigures>;
  keyFigures(wave: string): Promise<KeyFigureRow[]>;
  /** Signals of the waves after `after` (null: from the start) up to `upTo`. */
  signalsBetween(after: string | null, upTo: string): Promise<SignalRow[]>;
  /** The monitor results; a value outside its indicator's range in `codebook` is a damaged store. */
  monitorRows(codebook: Codebook): Promise<MonitorRow[]>;
  batches(): Promise<BatchRecord[]>;
  rowCounts(): Promise<RowCounts>;
}

export class SqliteReader implements StoreReader {
  constructor(private readonly store: Store) {}

  async surveyWaves(): Promise<string[]> {
    return surveyWaves(this.store);
  }

  async surveyWave(wave: string, scales: ItemScales): Promise<SurveyWave> {
    return loadSurveyWave(this.store, wave, scales);
  }

  async populationFigures(wave: string, need: FiguresNeed): Promise<WaveFigures> {
    return populationFigures(this.store, wave, need);
  }

  async keyFigures(wave: string): Promise<KeyFigureRow[]> {
    return keyFiguresFor(this.store, wave);
  }

  async signalsBetween(after: string | null, upTo: string): Promise<SignalRow[]> {
    return signalsBetween(this.store, after, upTo);
  }

  async monitorRows(codebook: Codebook): Promise<MonitorRow[]> {
    return monitorRows(this.store, codebook);
  }

  async batches(): Promise<BatchRecord[]> {
    return new Batches(this.store).list();
  }

  async rowCounts(): Promise<RowCounts> {
    return new Batches(this.store).counts();
  }
}

/**
 * Opens a SQLite store to read, gives the work a reader over it (and where its key is, looked up when asked,
 * in `keys`), and closes the store once the work is done.
 */
export async function readingSqlite<T>(path: string, work: (reader: StoreReader, key: () => Promise<KeyWhere>) => Promise<T>, keys?: KeyPlace): Promise<T> {
  const store = Store.open(path, { mode: 'read', keys });
  try {
    // One read transaction: every read of the work sees the store as it was when the work began, whatever
    // another process imports meanwhile (closing the store ends it).
    store.db.exec('BEGIN');
    return await work(new SqliteReader(store), async () => store.keyWhere());
  } finally {
    store.close();
  }
}
