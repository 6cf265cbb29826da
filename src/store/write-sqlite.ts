// The SQLite store behind the write seam (src/store/write.ts): the statements the import always ran, prepared
// once per batch and run row by row inside one BEGIN IMMEDIATE transaction, so nothing is slower than before.
import type { Kind } from '../ingest/kinds/kind.js';
import { ALL_WAVES, Batches, type BatchRecord } from './batches.js';
import type { Decision, Store } from './db.js';
import { districtRows, KEYFIGURE_KEYS, renameDistrict, renameSurveyDistricts, surveyDistricts } from './districts.js';
import { populationDistricts, populationFigures, populationInsert, populationLines, populationStoredAt, summedFigures, type Summed } from './population.js';
import { storedSurveyKeys } from './survey.js';
import { keyfiguresInsert, keyfiguresLookup, monitorInsert, monitorLookup, signalsInsert, signalsStored } from './tables.js';
import { suppliedWeightsQuery, type ImportTransaction, type KeyfigureKey, type RowTarget, type StoredRows, type StoreWriter, type SuppliedWeights, type WriteTarget } from './write.js';

/** Prepares a statement the first time it is needed: a batch of one kind prepares only its own. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** Rows into the SQLite store's tables, one prepared INSERT per table. */
export function sqliteRows(store: Store): RowTarget {
  const population = once(() => populationInsert(store));
  const keyfigure = once(() => keyfiguresInsert(store));
  const monitor = once(() => monitorInsert(store));
  const signal = once(() => signalsInsert(store));
  const chunk = once(() => store.db.prepare('INSERT INTO survey_chunks (batch_id, wave, chunk, rows, districts, items) VALUES (?, ?, ?, ?, ?, ?)'));
  const column = once(() => store.db.prepare('INSERT INTO survey_columns (batch_id, wave, chunk, name, data) VALUES (?, ?, ?, ?, ?)'));
  return {
    population: (batch, line, figure) => population()(batch, line, figure),
    keyfigure: (batch, row, interview) => keyfigure()(batch, row, interview),
    monitor: (batch, line, row) => monitor()(batch, line, row),
    signal: (batch, line, wave, row) => signal()(batch, line, wave, row),
    surveyChunk: (batch, wave, number, rows, districts, items) => void chunk().run(batch, wave, number, rows, districts, items),
    surveyColumn: (batch, wave, number, name, data) => void column().run(batch, wave, number, name, data),
    behind: () => undefined,
  };
}

/** Stored rows looked up in the SQLite store as they are asked for (inside the import's transaction). */
export function sqliteStored(store: Store): StoredRows {
  const population = once(() => populationStoredAt(store));
  const keyfigure = once(() => keyfiguresLookup(store));
  const monitor = once(() => monitorLookup(store));
  const signals = once(() => signalsStored(store));
  return {
    surveyKeys: (wave) => storedSurveyKeys(store, wave),
    populationAt: (figure) => population()(figure),
    keyfigureAt: (row, interview) => keyfigure()(row, interview),
    monitorAt: (row) => monitor()({ ...row, value: 0 }),
    signalsOf: (wave) => signals()(wave),
    populationFigures: (wave, need) => populationFigures(store, wave, need),
  };
}

export class SqliteWriter implements StoreWriter {
  private readonly list: Batches;

  constructor(readonly store: Store) {
    this.list = new Batches(store);
  }

  get name(): string {
    return this.store.path;
  }

  async secret(): Promise<Buffer> {
    return this.store.secret();
  }

  async findSame(kind: Kind, digests: readonly string[], optionsDigest: string): Promise<number | null> {
    return this.list.findSame(kind, digests, optionsDigest);
  }

  async sameContent(kind: Kind, digests: readonly string[]): Promise<number | null> {
    return this.list.list().find((batch) => batch.kind === kind && digests.includes(batch.details.content_sha256 as string))?.id ?? null;
  }

  async keyDigests(key: Buffer): Promise<void> {
    // the plain digests' pages may linger in the file's free space: rewritten without them, as for the key itself
    if (this.list.keyDigests(key) > 0) this.store.db.exec('VACUUM');
  }

  async populationDistricts(waves: string[]): Promise<string[]> {
    return populationDistricts(this.store, waves);
  }

  async keyfigureKeys(): Promise<KeyfigureKey[]> {
    return this.store.db.prepare(KEYFIGURE_KEYS).all() as KeyfigureKey[];
  }

  async monitorAreas(): Promise<string[]> {
    return this.store.db.prepare('SELECT DISTINCT area FROM monitor ORDER BY area').pluck().all() as string[];
  }

  async populationWaves(): Promise<string[]> {
    return Object.keys(this.list.counts().population).filter((wave) => wave !== ALL_WAVES);
  }

  async counts(): Promise<Record<Kind, Record<string, number>>> {
    return this.list.counts();
  }

  async suppliedWeights(): Promise<SuppliedWeights[]> {
    return this.store.db.prepare(suppliedWeightsQuery(false)).all() as SuppliedWeights[];
  }

  async batches(): Promise<BatchRecord[]> {
    return this.list.list();
  }

  async stored(): Promise<StoredRows> {
    return sqliteStored(this.store);
  }

  async summedPopulation(): Promise<Summed[]> {
    return summedFigures(this.store, 'importing');
  }

  importing<T extends Decision>(_kind: Kind, work: (tx: ImportTransaction) => Promise<T>): Promise<T> {
    const { store, list } = this;
    const target: WriteTarget = { ...sqliteRows(store), ...sqliteStored(store) };
    const tx: ImportTransaction = {
      ...target,
      sameContent: (kind, digests) => this.sameContent(kind, digests),
      populationDistricts: (waves) => this.populationDistricts(waves),
      populationWaves: () => this.populationWaves(),
      monitorAreas: () => this.monitorAreas(),
      keyfigureKeys: () => this.keyfigureKeys(),
      suppliedWeights: () => this.suppliedWeights(),
      counts: () => this.counts(),
      batches: () => this.batches(),
      createBatch: async (...args) => list.create(...args),
      flush: async () => undefined,
      replaceWaves: async (kind, waves, keep, upTo) => list.replaceWaves(kind, waves, keep, upTo),
      finishBatch: async (...args) => list.finish(...args),
      summedPopulation: async () => summedFigures(store, 'importing'),
      populationLines: async (batch) => populationLines(store, batch),
      surveyDistricts: async () => surveyDistricts(store),
      renameSurveyDistricts: async (chunk, names) => renameSurveyDistricts(store, chunk, names),
      districtRows: async (table) => districtRows(store, table),
      renameDistrict: async (table, from, to) => renameDistrict(store, table, from, to),
    };
    return store.transaction(() => work(tx));
  }

  async forget(id: number): Promise<boolean> {
    let removed = false;
    await this.store.transaction(async () => {
      removed = this.list.forget(id);
    });
    return removed;
  }

  async removedStillLogged(): Promise<boolean> {
    return !this.store.emptyLog();
  }

  async close(): Promise<void> {
    this.store.close();
  }
}
