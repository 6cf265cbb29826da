// One zone of a shared PostgreSQL store behind the write seam (src/store/write.ts): `import`, `forget` and `map`
// as the zone (src/store/pg/zone.ts), row-level security keeping every statement to the zone's rows. An import
// is one transaction holding the zone's advisory lock, so two imports into one zone run one after the other
// and the second finds the first's rows (idempotent, as on SQLite). What the duplicate check needs of the rows
// stored before is read once, under the lock; rows go to the server while the file is still being read: a
// kind's rows through COPY into a temporary table (COPY is refused on a table with row-level security) and
// from there with one INSERT ... SELECT, a survey's column chunks (a few rows of bytes) with plain INSERTs.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';
import type { Kind } from '../../ingest/kinds/kind.js';
import { ALL_WAVES, keyedBatch, PSEUDONYMISED_KINDS, ROWS, type BatchRecord } from '../batches.js';
import type { Decision } from '../db.js';
import { checkedSurveyDistricts, KEYFIGURE_KEYS, type DistrictTable, type StoredChunkDistricts, type SurveyDistricts } from '../districts.js';
import { damagedStore, storedObject } from '../failure.js';
import type { KeyPlace } from '../key.js';
import { checkedDistricts, checkedSummed, figuresFrom, type PopulationLine, type Summed } from '../population.js';
import type { RowCounts } from '../reader.js';
import { type Signal, type StoredAt, type StoredSignals, storedSignals } from '../tables.js';
import { suppliedWeightsQuery, type ImportTransaction, type KeyfigureKey, type StoredKeys, type StoredRows, type StoreWriter, type SuppliedWeights, type WriteTarget } from '../write.js';
import { PgReader, SUMMED_FIGURES } from './reader.js';
import { lockZone, openZone, zoneKey, type ZoneStore } from './zone.js';
import type { Message } from '../../i18n/index.js';


/** The tables a kind's rows are copied into, with their columns in the order the rows give them. */
const COPIED = {
  population: ['batch_id', 'line', 'wave', 'district', 'sex', 'age_group', 'age_min', 'age_max', 'population'],
  keyfigures: ['batch_id', 'wave', 'interview', 'district', 'organisation_type', 'theme', 'severity', 'trend'],
  monitor: ['batch_id', 'line', 'wave', 'area', 'indicator', 'value', 'ci_low', 'ci_high', 'n'],
  signals: ['batch_id', 'line', 'wave', 'date', 'district', 'theme', 'source', 'count'],
} as const;
type CopiedTable = keyof typeof COPIED;

/** Rows buffered for COPY are sent once this many characters are waiting. */
const COPY_CHUNK = 4 << 20;

type Cell = string | number | null | undefined;

/** A value in COPY's text format: `\N` for none, the four characters COPY reads specially escaped. */
function copyText(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** The identity of a stored row, as a map key (null and '' told apart). */
const identity = (values: readonly (string | null)[]) => JSON.stringify(values);

/** The duplicate check's and the age-band check's view of a zone's stored rows, read once (src/store/write.ts). */
async function loadStored(client: pg.Client, kind: Kind, storeName: string): Promise<StoredRows> {
  const keys = new Map<string, StoredKeys>();
  const rows = new Map<string, StoredAt>();
  let summed: Summed[] = [];
  const signals = new Map<string, StoredSignals>();
  const remember = (batch: number, values: readonly (string | null)[]) => {
    const key = identity(values);
    if (!rows.has(key)) rows.set(key, { batch });
  };
  if (kind === 'survey') {
    const chunks = await client.query<{ batch_id: number; wave: string; rows: number; chunk: number; data: Buffer | null }>(
      `SELECT c.batch_id, c.wave, c.chunk, c.rows, d.data FROM survey_chunks c JOIN batches b ON b.id = c.batch_id
       JOIN survey_columns d ON d.zone = c.zone AND d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk AND d.name = 'key'
       ORDER BY c.wave, b.sha256, c.batch_id, c.chunk`,
    );
    const byWave = new Map<string, Array<{ batch_id: number; rows: number; data: Buffer }>>();
    for (const { batch_id, wave, rows, data } of chunks.rows) {
      // a blob of another length, or none (a damaged row), is damage: never read past it
      if (!Buffer.isBuffer(data) || !Number.isInteger(rows) || data.length !== rows * 8) throw damagedStore(storeName, `batch ${batch_id}, wave ${wave}, column key`);
      const waveChunks = byWave.get(wave);
      if (waveChunks) waveChunks.push({ batch_id, rows, data });
      else byWave.set(wave, [{ batch_id, rows, data }]);
    }
    for (const [wave, waveChunks] of byWave) {
      const n = waveChunks.reduce((sum, chunk) => sum + chunk.rows, 0);
      const stored: StoredKeys = { keys: new Uint32Array(n * 2), batches: new Int32Array(n), store: storeName };
      const view = new Uint8Array(stored.keys.buffer);
      let offset = 0;
      for (const chunk of waveChunks) {
        view.set(chunk.data, offset * 8);
        stored.batches.fill(chunk.batch_id, offset, offset + chunk.rows);
        offset += chunk.rows;
      }
      keys.set(wave, stored);
    }
    summed = checkedSummed(storeName, (await client.query<Summed>(SUMMED_FIGURES)).rows);
  } else if (kind === 'population') {
    const found = await client.query<{ batch_id: number; wave: string | null; district: string; sex: string | null; age_group: string | null }>(
      'SELECT batch_id, wave, district, sex, age_group FROM population ORDER BY batch_id',
    );
    for (const row of found.rows) remember(row.batch_id, [row.wave, row.district, row.sex, row.age_group]);
  } else if (kind === 'keyfigures') {
    const found = await client.query<{ batch_id: number; wave: string; interview: string; district: string; theme: string }>(
      'SELECT batch_id, wave, interview, district, theme FROM keyfigures ORDER BY batch_id',
    );
    for (const row of found.rows) remember(row.batch_id, [row.wave, row.interview, row.district, row.theme]);
  } else if (kind === 'monitor') {
    const found = await client.query<{ batch_id: number; wave: string; area: string; indicator: string }>('SELECT batch_id, wave, area, indicator FROM monitor ORDER BY batch_id');
    for (const row of found.rows) remember(row.batch_id, [row.wave, row.area, row.indicator]);
  } else if (kind === 'signals') {
    const found = await client.query<Signal & { batch_id: number; wave: string }>('SELECT batch_id, wave, date, district, theme, source, count FROM signals ORDER BY wave, batch_id, line');
    let start = 0;
    for (let i = 1; i <= found.rows.length; i++) {
      if (i < found.rows.length && found.rows[i].wave === found.rows[start].wave) continue;
      signals.set(found.rows[start].wave, storedSignals(found.rows.slice(start, i)));
      start = i;
    }
  }
  const none: StoredKeys = { keys: new Uint32Array(0), batches: new Int32Array(0), store: storeName };
  return {
    surveyKeys: (wave) => keys.get(wave) ?? none,
    populationAt: (figure) => rows.get(identity([figure.wave ?? null, figure.district, figure.sex ?? null, figure.ageGroup?.label ?? null])) ?? null,
    keyfigureAt: (row, interview) => rows.get(identity([row.wave, interview, row.district, row.theme])) ?? null,
    monitorAt: (row) => rows.get(identity([row.wave, row.area, row.indicator])) ?? null,
    signalsOf: (wave) => signals.get(wave) ?? new Map(),
    populationFigures: (wave, need) => figuresFrom(summed, wave, need ?? 'rake'),
  };
}

/** A batch's rows on their way to the server: COPY text per table, survey chunks as INSERTs, in the order given. */
class Outgoing {
  private readonly buffered = new Map<CopiedTable, string[]>();
  private size = 0;
  private readonly copied = new Set<CopiedTable>();
  private sending: Promise<void> = Promise.resolve();
  /** Pieces of work sent and not yet done; and the promise of the last but one's end. */
  private waiting = 0;
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: pg.Client,
    private readonly zone: string,
  ) {}

  /** Work for the server after what is already on its way; a failure is kept for `flush` (and marked as heard). */
  private after(work: () => Promise<unknown>): void {
    this.waiting++;
    this.previous = this.sending;
    this.sending = this.sending.then(async () => {
      try {
        await work();
      } finally {
        this.waiting--;
      }
    });
    this.sending.catch(() => undefined);
  }

  /**
   * The reader waits while more than one piece is on its way: one is written while the next is read. A piece
   * that failed (a lost connection) fails the wait, so the import stops there instead of reading on.
   */
  behind(): Promise<void> | undefined {
    return this.waiting > 1 ? this.previous : undefined;
  }

  row(table: CopiedTable, cells: readonly Cell[]): void {
    let line = '';
    for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : '\t') + copyText(cells[i]);
    line += '\n';
    let lines = this.buffered.get(table);
    if (!lines) {
      lines = [];
      this.buffered.set(table, lines);
    }
    lines.push(line);
    this.size += line.length;
    if (this.size >= COPY_CHUNK) this.send();
  }

  query(text: string, values: unknown[]): void {
    this.send();
    this.after(() => this.client.query(text, values));
  }

  /**
   * Sends what is buffered: each table's lines through one COPY into its temporary table, then on into the
   * table in the order they came, while the next lines are read. The zone is given, not left to the column's
   * default (a function call per row); row-level security checks it all the same.
   */
  private send(): void {
    for (const [table, lines] of this.buffered) {
      if (lines.length === 0) continue;
      const text = lines.join('');
      lines.length = 0;
      const first = !this.copied.has(table);
      this.copied.add(table);
      this.after(async () => {
        if (first) {
          // the zone's own table's column types; COPY goes here (row-level security refuses it on the table itself)
          await this.client.query(`CREATE TEMP TABLE copy_${table} ON COMMIT DROP AS SELECT ${COPIED[table].join(', ')} FROM ${table} WITH NO DATA`);
          await this.client.query(`ALTER TABLE copy_${table} ADD COLUMN copy_order BIGINT GENERATED ALWAYS AS IDENTITY`);
        }
        const columns = COPIED[table].join(', ');
        const stream = this.client.query(copyFrom(`COPY copy_${table} (${columns}) FROM STDIN`));
        stream.end(text);
        await finished(stream);
        // key figures keep the order they are handed over in (their rowid: pseudonym order, as in SQLite); the other tables need none
        const order = table === 'keyfigures' ? ' ORDER BY copy_order' : '';
        await this.client.query(`INSERT INTO ${table} (zone, ${columns}) SELECT $1, ${columns} FROM copy_${table}${order}`, [this.zone]);
        await this.client.query(`TRUNCATE copy_${table}`);
      });
    }
    this.size = 0;
  }

  /** Everything written. */
  async flush(): Promise<void> {
    this.send();
    await this.sending;
  }

  /** Once nothing is on its way any more, whether it failed or not: a rollback must come after the last piece, never before. */
  async settled(): Promise<void> {
    await this.sending.catch(() => undefined);
  }
}

/** Statements run for the zone, every failure a store error naming the store without its password. */
class ZoneQueries {
  constructor(readonly zone: ZoneStore) {}

  get client(): pg.Client {
    return this.zone.store.client;
  }

  async rows<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    try {
      return (await this.client.query<R>(text, values)).rows;
    } catch (error) {
      throw this.zone.store.failure(error);
    }
  }

  async sameContent(kind: Kind, digests: readonly string[]): Promise<number | null> {
    const rows = await this.rows<{ id: number }>("SELECT id FROM batches WHERE kind = $1 AND details::jsonb ->> 'content_sha256' = ANY($2) ORDER BY id LIMIT 1", [kind, digests]);
    return rows[0]?.id ?? null;
  }

  async populationDistricts(waves: string[]): Promise<string[]> {
    const rows = await this.rows<{ district: string }>('SELECT DISTINCT district FROM population WHERE wave IS NULL OR wave = ANY($1)', [waves.length > 0 ? waves : ['']]);
    return checkedDistricts(this.zone.store.name, rows.map((row) => row.district).sort());
  }

  async summedPopulation(): Promise<Summed[]> {
    return checkedSummed(this.zone.store.name, await this.rows<Summed>(SUMMED_FIGURES), 'importing');
  }

  async populationLines(batch: number): Promise<PopulationLine[]> {
    return this.rows<PopulationLine>('SELECT wave, district, sex, age_group AS "ageGroup", age_min AS "ageMin", age_max AS "ageMax", population, line FROM population WHERE batch_id = $1 ORDER BY line, sex NULLS FIRST, age_min NULLS FIRST', [batch]);
  }

  async keyfigureKeys(): Promise<KeyfigureKey[]> {
    return (await this.rows<KeyfigureKey>(KEYFIGURE_KEYS)).map((row) => ({ ...row, batch_id: Number(row.batch_id) }));
  }

  async monitorAreas(): Promise<string[]> {
    return (await this.rows<{ area: string }>('SELECT DISTINCT area FROM monitor ORDER BY area')).map((row) => row.area);
  }

  async populationWaves(): Promise<string[]> {
    return (await this.rows<{ wave: string }>('SELECT DISTINCT wave FROM population WHERE wave IS NOT NULL ORDER BY wave')).map((row) => row.wave);
  }

  async suppliedWeights(): Promise<SuppliedWeights[]> {
    // PostgreSQL's SUM of integers is a bigint, which the driver gives as text
    const rows = await this.rows<{ wave: string; weighted: string; unweighted: string }>(suppliedWeightsQuery(true));
    return rows.map((row) => ({ wave: row.wave, weighted: Number(row.weighted), unweighted: Number(row.unweighted) }));
  }

  counts(): Promise<RowCounts> {
    return new PgReader(this.zone.store).rowCounts();
  }

  batches(): Promise<BatchRecord[]> {
    return new PgReader(this.zone.store).batches();
  }

  /** Removes rows of `kind` for these waves held by other batches; then batches left without rows (src/store/batches.ts). */
  async replaceWaves(kind: Kind, waves: string[], keep: number, upTo: number | null = null): Promise<{ rows: number; batches: number[] }> {
    const { table, count } = ROWS[kind];
    let rows = 0;
    // with several files, only the batches stored before the command (up to `upTo`): its files together replace their waves
    const inKind = `batch_id IN (SELECT id FROM batches WHERE kind = $2 AND id <> $3${upTo === null ? '' : ' AND id <= $4'})`;
    const bound = upTo === null ? [] : [upTo];
    for (const wave of waves) {
      const where = wave === ALL_WAVES && ROWS[kind].nullableWave ? '(wave IS NULL AND $1::text IS NOT NULL)' : 'wave = $1';
      const [found] = await this.rows<{ n: number }>(`SELECT COALESCE(${count}, 0)::int AS n FROM ${table} WHERE ${where} AND ${inKind}`, [wave, kind, keep, ...bound]);
      rows += found.n;
      await this.rows(`DELETE FROM ${table} WHERE ${where} AND ${inKind}`, [wave, kind, keep, ...bound]);
    }
    const removed: number[] = [];
    // in the order the SQLite store lists them (through its index on kind, sha256 and options), so both say the same
    const others = await this.rows<{ id: number }>(`SELECT id FROM batches WHERE kind = $1 AND id <> $2${upTo === null ? '' : ' AND id <= $3'} ORDER BY sha256, options_digest, id`, [kind, keep, ...bound]);
    for (const { id } of others) {
      const left = await this.rows<{ wave: string }>(`SELECT DISTINCT COALESCE(wave, '${ALL_WAVES}') AS wave FROM ${table} WHERE batch_id = $1 ORDER BY 1`, [id]);
      if (left.length === 0) {
        await this.rows('DELETE FROM batches WHERE id = $1', [id]);
        removed.push(id);
      } else await this.rows('UPDATE batches SET waves = $1 WHERE id = $2', [JSON.stringify(left.map((row) => row.wave)), id]);
    }
    return { rows, batches: removed };
  }

  /** Holds the zone's import lock until the transaction ends. */
  async lock(): Promise<void> {
    try {
      await lockZone(this.client, this.zone.zone);
    } catch (error) {
      throw this.zone.store.failure(error);
    }
  }

  /** Runs `work` in one transaction: `{ commit: false }` or a throw rolls it back. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.rows('BEGIN');
    try {
      const result = await work();
      const rollback = typeof result === 'object' && result !== null && 'commit' in result && result.commit === false;
      await this.rows(rollback ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      // a connection already lost has rolled back on the server: the first failure is the one reported
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw this.zone.store.failure(error);
    }
  }
}

/** The zone's import transaction: rows sent while the file is read, lookups from what was read under the lock. */
function importTransaction(queries: ZoneQueries, stored: StoredRows, out: Outgoing): ImportTransaction {
  const target: WriteTarget = {
    ...stored,
    population: (batch, line, figure) => {
      const group = figure.ageGroup;
      out.row('population', [batch, line, figure.wave, figure.district, figure.sex, group?.label, group?.min, group?.max, figure.population]);
    },
    keyfigure: (batch, row, interview) => out.row('keyfigures', [batch, row.wave, interview, row.district, row.organisation_type, row.theme, row.severity, row.trend]),
    monitor: (batch, line, row) => out.row('monitor', [batch, line, row.wave, row.area, row.indicator, row.value, row.ci_low, row.ci_high, row.n]),
    signal: (batch, line, wave, row) => out.row('signals', [batch, line, wave, row.date, row.district, row.theme, row.source, row.count]),
    surveyChunk: (batch, wave, chunk, rows, districts, items) =>
      out.query('INSERT INTO survey_chunks (batch_id, wave, chunk, rows, districts, items) VALUES ($1, $2, $3, $4, $5, $6)', [batch, wave, chunk, rows, districts, items]),
    surveyColumn: (batch, wave, chunk, name, data) =>
      out.query('INSERT INTO survey_columns (batch_id, wave, chunk, name, data) VALUES ($1, $2, $3, $4, $5)', [batch, wave, chunk, name, data]),
    behind: () => out.behind(),
  };
  return {
    ...target,
    sameContent: (kind, digests) => queries.sameContent(kind, digests),
    populationDistricts: (waves) => queries.populationDistricts(waves),
    populationWaves: () => queries.populationWaves(),
    monitorAreas: () => queries.monitorAreas(),
    keyfigureKeys: () => queries.keyfigureKeys(),
    suppliedWeights: () => queries.suppliedWeights(),
    counts: () => queries.counts(),
    batches: () => queries.batches(),
    replaceWaves: (kind, waves, keep, upTo) => queries.replaceWaves(kind, waves, keep, upTo),
    summedPopulation: () => queries.summedPopulation(),
    populationLines: (batch) => queries.populationLines(batch),
    async createBatch(kind, file, sha256, optionsDigest, toolVersion, importedAt) {
      const [row] = await queries.rows<{ id: number }>(
        `INSERT INTO batches (kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
         VALUES ($1, $2, $3, $4, '[]', 0, 0, 0, $5, $6, '{}') RETURNING id`,
        [kind, file, sha256, optionsDigest, toolVersion, importedAt],
      );
      return row.id;
    },
    async flush() {
      try {
        await out.flush();
      } catch (error) {
        throw queries.zone.store.failure(error);
      }
    },
    async finishBatch(id, waves, read, stored, rejected, details) {
      await queries.rows('UPDATE batches SET waves = $1, rows_read = $2, rows_stored = $3, rows_rejected = $4, details = $5 WHERE id = $6', [
        JSON.stringify(waves),
        read,
        stored,
        rejected,
        JSON.stringify(details),
        id,
      ]);
    },
    async surveyDistricts(): Promise<SurveyDistricts[]> {
      const rows = await queries.rows<StoredChunkDistricts>(
        `SELECT c.batch_id AS batch, c.wave, c.chunk, c.rows, c.districts, d.data FROM survey_chunks c
         LEFT JOIN survey_columns d ON d.zone = c.zone AND d.batch_id = c.batch_id AND d.wave = c.wave AND d.chunk = c.chunk AND d.name = 'district'
         ORDER BY c.batch_id, c.wave, c.chunk`,
      );
      return rows.map((row) => checkedSurveyDistricts(queries.zone.store.name, row));
    },
    async renameSurveyDistricts(chunk, names) {
      await queries.rows('UPDATE survey_chunks SET districts = $1 WHERE batch_id = $2 AND wave = $3 AND chunk = $4', [JSON.stringify(names), chunk.batch, chunk.wave, chunk.chunk]);
    },
    async districtRows(table: DistrictTable) {
      return queries.rows<{ district: string; rows: number }>(`SELECT district, COUNT(*)::int AS rows FROM ${table} GROUP BY district ORDER BY district`);
    },
    async renameDistrict(table: DistrictTable, from, to) {
      try {
        return (await queries.client.query(`UPDATE ${table} SET district = $1 WHERE district = $2`, [to, from])).rowCount ?? 0;
      } catch (error) {
        throw queries.zone.store.failure(error);
      }
    },
  };
}

export class PgWriter implements StoreWriter {
  private readonly queries: ZoneQueries;
  private key: Buffer | null = null;

  /** `write` false (a dry run): the zone's key is read, never made or recorded (zoneKey); `notice` is told of a new key made for a zone that holds nothing made with its lost one. */
  constructor(
    readonly zone: ZoneStore,
    private readonly keys: KeyPlace,
    private readonly write = true,
    private readonly notice?: (notice: Message) => void,
  ) {
    this.queries = new ZoneQueries(zone);
  }

  get name(): string {
    return this.zone.store.name;
  }

  async secret(): Promise<Buffer> {
    this.key ??= await zoneKey(this.zone, this.keys, this.write, this.notice);
    return this.key;
  }

  async findSame(kind: Kind, digests: readonly string[], optionsDigest: string): Promise<number | null> {
    const rows = await this.queries.rows<{ id: number }>('SELECT id FROM batches WHERE kind = $1 AND sha256 = ANY($2) AND options_digest = $3 ORDER BY id LIMIT 1', [kind, digests, optionsDigest]);
    return rows[0]?.id ?? null;
  }

  sameContent(kind: Kind, digests: readonly string[]): Promise<number | null> {
    return this.queries.sameContent(kind, digests);
  }

  async keyDigests(key: Buffer): Promise<void> {
    const { store } = this.zone;
    try {
      await store.client.query('BEGIN');
      const { rows } = await store.client.query<{ id: number; sha256: string; details: string }>(
        "SELECT id, sha256, details FROM batches WHERE kind = ANY($1) AND COALESCE(details::jsonb ->> 'digests', '') <> 'keyed' ORDER BY id FOR UPDATE",
        [PSEUDONYMISED_KINDS],
      );
      for (const batch of rows) {
        const [sha256, details] = keyedBatch(key, batch.sha256, storedObject(store.name, `batches.details of batch ${batch.id}`, batch.details));
        await store.client.query('UPDATE batches SET sha256 = $1, details = $2 WHERE id = $3', [sha256, details, batch.id]);
      }
      await store.client.query('COMMIT');
    } catch (error) {
      await store.client.query('ROLLBACK').catch(() => undefined);
      throw store.failure(error);
    }
  }

  populationDistricts(waves: string[]): Promise<string[]> {
    return this.queries.populationDistricts(waves);
  }

  populationWaves(): Promise<string[]> {
    return this.queries.populationWaves();
  }

  monitorAreas(): Promise<string[]> {
    return this.queries.monitorAreas();
  }

  keyfigureKeys(): Promise<KeyfigureKey[]> {
    return this.queries.keyfigureKeys();
  }

  suppliedWeights(): Promise<SuppliedWeights[]> {
    return this.queries.suppliedWeights();
  }

  counts(): Promise<RowCounts> {
    return this.queries.counts();
  }

  batches(): Promise<BatchRecord[]> {
    return this.queries.batches();
  }

  summedPopulation(): Promise<Summed[]> {
    return this.queries.summedPopulation();
  }

  async stored(kind: Kind): Promise<StoredRows> {
    try {
      return await loadStored(this.queries.client, kind, this.name);
    } catch (error) {
      throw this.zone.store.failure(error);
    }
  }

  importing<T extends Decision>(kind: Kind, work: (tx: ImportTransaction) => Promise<T>): Promise<T> {
    return this.queries.transaction(async () => {
      await this.queries.lock();
      const out = new Outgoing(this.queries.client, this.zone.zone);
      const stored = await loadStored(this.queries.client, kind, this.name);
      try {
        return await work(importTransaction(this.queries, stored, out));
      } catch (error) {
        // rows still on their way would otherwise reach the server after the rollback, outside any transaction
        await out.settled();
        throw error;
      }
    });
  }

  async forget(id: number): Promise<boolean> {
    return this.queries.transaction(async () => {
      await this.queries.lock();
      return (await this.queries.rows<{ id: number }>('DELETE FROM batches WHERE id = $1 RETURNING id', [id])).length > 0;
    });
  }

  async removedStillLogged(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {
    await this.zone.store.close();
  }
}

/** Opens the store as the zone `wanted` names (or the login's own), to import into, forget from or map against. */
export async function openPgWriter(url: string, wanted: string | undefined, keys: KeyPlace, write = true, notice?: (notice: Message) => void): Promise<PgWriter> {
  return new PgWriter(await openZone(url, wanted), keys, write, notice);
}
