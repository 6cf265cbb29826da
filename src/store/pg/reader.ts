// The read side of a shared PostgreSQL store, for one zone: every read of `SqliteReader` (src/store/reader.ts)
// with the same values in the same order, so that every reading command's output is byte for byte the one
// it gives on the zone's SQLite store. One query per read, never per row. Row-level security keeps every
// statement to the zone's rows (src/store/pg/schema.ts); the statements name no zone themselves.
import type { Codebook } from '../../config/codebook.js';
import { KINDS, type Kind } from '../../ingest/kinds/kind.js';
import { batchRecord, checkedKind, ROWS, type BatchRecord, type BatchRow } from '../batches.js';
import { checkedSummed, figuresFrom, type FiguresNeed, type Summed, type WaveFigures } from '../population.js';
import type { RowCounts, StoreReader } from '../reader.js';
import { checkedKeyFigures, checkedMonitor, checkedSignals, type KeyFigureRow, type MonitorRow, type SignalRow } from '../sources.js';
import { assembleWave, checkedChunks, knownSurveyWaves, listingBatches, type ChunkRow, type ItemScales, type SurveyBatchWaves, type SurveyWave } from '../survey.js';
import type { PgStore } from './store.js';
import { openZone, type ZoneStore } from './zone.js';

/** Where a population figure without a wave, sex or age group sorts: first, as SQLite sorts NULL. */
export const SUMMED_FIGURES = `SELECT wave, district, sex, age_group AS "ageGroup", MIN(age_min) AS "ageMin", MAX(age_max) AS "ageMax", SUM(population) AS population
  FROM population GROUP BY wave, district, sex, age_group
  ORDER BY district, sex NULLS FIRST, "ageMin" NULLS FIRST, age_group NULLS FIRST, wave NULLS FIRST`;

/** Each batch with the rows it still has, counted as SQLite's `Batches.rowsOf` counts them, in one statement. */
const BATCHES = `SELECT b.id, b.kind, b.file_name, b.sha256, b.waves, b.rows_read, b.rows_stored, b.rows_rejected, b.tool_version,
    b.imported_at, b.details,
    (CASE b.kind ${KINDS.map((kind) => `WHEN '${kind}' THEN (SELECT COALESCE(${ROWS[kind].count}, 0) FROM ${ROWS[kind].table} r WHERE r.batch_id = b.id)`).join(' ')} END)::float8 AS rows_now
  FROM batches b ORDER BY b.id`;

/** Rows per kind and wave (population without a wave under "*"), every kind in one statement. */
const ROW_COUNTS = KINDS.map(
  (kind) => `SELECT '${kind}' AS kind, COALESCE(wave, '*') AS wave, (${ROWS[kind].count})::float8 AS n FROM ${ROWS[kind].table} GROUP BY 2`,
).join(' UNION ALL ');

interface ColumnRow extends ChunkRow {
  name: string | null;
  data: Buffer | null;
}

export class PgReader implements StoreReader {
  constructor(private readonly store: PgStore) {}

  /** One statement's rows; a failure of the server or the statement as a store error (exit 5). */
  private async rows<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    try {
      return (await this.store.client.query<T & Record<string, unknown>>(text, values)).rows;
    } catch (error) {
      throw this.store.failure(error);
    }
  }

  async surveyWaves(): Promise<string[]> {
    const rows = await this.rows<{ wave: string }>('SELECT DISTINCT wave FROM survey_chunks ORDER BY wave');
    return knownSurveyWaves(this.store.name, rows.map((row) => row.wave), await this.surveyBatches());
  }

  /** The survey batches with the waves they list, to check a wave's chunks against. */
  private surveyBatches(): Promise<SurveyBatchWaves[]> {
    return this.rows<SurveyBatchWaves>("SELECT id, waves FROM batches WHERE kind = 'survey' ORDER BY id");
  }

  /** The wave's chunks in the SQLite store's order (by content hash), each with every column it has. */
  async surveyWave(wave: string, scales: ItemScales): Promise<SurveyWave> {
    const rows = await this.rows<ColumnRow>(
      `SELECT c.batch_id, c.wave, c.chunk, c.rows, c.districts, c.items, d.name, d.data
       FROM survey_chunks c JOIN batches b ON b.id = c.batch_id
       LEFT JOIN survey_columns d ON d.zone = c.zone AND d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk
       WHERE c.wave = $1 ORDER BY b.sha256, c.batch_id, c.chunk`,
      [wave],
    );
    const chunks: ChunkRow[] = [];
    const columns = new Map<ChunkRow, Map<string, Buffer>>();
    let hasWeight = false;
    for (const row of rows) {
      let chunk = chunks[chunks.length - 1];
      if (chunk === undefined || chunk.batch_id !== row.batch_id || chunk.chunk !== row.chunk) {
        chunk = { batch_id: row.batch_id, wave: row.wave, chunk: row.chunk, rows: row.rows, districts: row.districts, items: row.items };
        chunks.push(chunk);
        columns.set(chunk, new Map());
      }
      if (row.name !== null && row.data !== null) columns.get(chunk)?.set(row.name, row.data);
      if (row.name === 'weight') hasWeight = true;
    }
    checkedChunks(this.store.name, chunks, wave, listingBatches(this.store.name, await this.surveyBatches(), wave));
    return assembleWave(this.store.name, wave, chunks, (chunk, name) => columns.get(chunk)?.get(name), (chunk) => [...(columns.get(chunk)?.keys() ?? [])], hasWeight, scales);
  }

  async populationFigures(wave: string, need: FiguresNeed): Promise<WaveFigures> {
    if (need === 'none') return figuresFrom([], wave, need);
    return figuresFrom(checkedSummed(this.store.name, await this.rows<Summed>(SUMMED_FIGURES)), wave, need);
  }

  async keyFigures(wave: string): Promise<KeyFigureRow[]> {
    // Ordered by file content, then severity, as in the SQLite store (src/store/sources.ts), never by the stored order.
    const rows = await this.rows<KeyFigureRow>(
      `SELECT k.interview, k.district, k.organisation_type AS "organisationType", k.theme, k.severity, k.trend
       FROM keyfigures k JOIN batches b ON b.id = k.batch_id WHERE k.wave = $1 ORDER BY k.district, k.theme, b.sha256, k.severity, k.rowid`,
      [wave],
    );
    return checkedKeyFigures(this.store.name, rows);
  }

  /** Rows alike in the sort come as SQLite gives them: by wave (its index), then in file order (its rowid). */
  async signalsBetween(after: string | null, upTo: string): Promise<SignalRow[]> {
    const rows = await this.rows<SignalRow>(
      `SELECT wave, date, district, theme, source, count FROM signals
       WHERE wave <= $1 AND ($2::text IS NULL OR wave > $2) ORDER BY district, theme, source, date, wave, batch_id, line`,
      [upTo, after],
    );
    return checkedSignals(this.store.name, rows);
  }

  /** Rows alike in the sort come in file order, as SQLite's table scan gives them. */
  async monitorRows(codebook: Codebook): Promise<MonitorRow[]> {
    const rows = await this.rows<MonitorRow>(
      'SELECT wave, area, indicator, value, ci_low AS "ciLow", ci_high AS "ciHigh", n FROM monitor ORDER BY wave, area, indicator, batch_id, line',
    );
    return checkedMonitor(this.store.name, rows, codebook);
  }

  async batches(): Promise<BatchRecord[]> {
    const rows = await this.rows<BatchRow & { rows_now: number }>(BATCHES);
    for (const row of rows) checkedKind(this.store.name, row);
    return rows.map((row) => batchRecord(this.store.name, row, row.rows_now));
  }

  async rowCounts(): Promise<RowCounts> {
    const rows = await this.rows<{ kind: Kind; wave: string; n: number }>(`SELECT kind, wave, n FROM (${ROW_COUNTS}) counts ORDER BY kind, wave COLLATE "C"`);
    const counts: RowCounts = Object.fromEntries(KINDS.map((kind) => [kind, {}]));
    for (const row of rows) counts[row.kind][row.wave] = row.n;
    return counts;
  }
}

/**
 * Opens the store as one zone, gives the work a reader over it, and closes the connection once the work is done.
 * Every read of the work sees the zone as it was when the work began (one read-only snapshot): an import that
 * commits meanwhile is seen whole by the next run, never half by this one.
 */
export async function readingZone<T>(url: string, zone: string | undefined, work: (reader: StoreReader, opened: ZoneStore) => Promise<T>): Promise<T> {
  const opened = await openZone(url, zone);
  const { store } = opened;
  try {
    await store.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY').catch((error: unknown) => {
      throw store.failure(error);
    });
    const result = await work(new PgReader(store), opened);
    await store.client.query('COMMIT').catch((error: unknown) => {
      throw store.failure(error);
    });
    return result;
  } finally {
    // a connection closed inside the snapshot ends it on the server
    await store.close();
  }
}
