// `admin migrate`: a zone's SQLite store copied into that zone of a shared PostgreSQL store, in one
// transaction: batches (renumbered by the shared store, in their order), population figures, survey chunks
// and their columns, key figures (in their file order), monitor tables and signals. The zone must hold no rows
// yet. The respondents' and interviews' pseudonyms were made with the SQLite store's key, so that key becomes
// the zone's: its fingerprint in `zone_meta`, the key itself in the zone's key file (README, Many zones). The
// SQLite file is only read: opened read-only, never upgraded.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import type pg from 'pg';
import { SafetyScanError, StoreError, UsageError } from '../../errors.js';
import { storeFailure } from '../failure.js';
import { keyCheck, keyFile, keyFromEnv, readKeyFile, writeKeyFile, type KeyPlace } from '../key.js';
import { checkKeyRecords, schemaVersion } from '../meta.js';
import { SCHEMA_VERSION } from '../schema.js';
import { lockZone, openZone, rememberKey, zoneKeyId, type ZoneStore } from './zone.js';

/** What was copied: rows per kind as `status` counts them (survey: respondents), and where the zone's key is. */
export interface MigrateSummary {
  zone: string;
  store: string;
  batches: number;
  rows: { survey: number; keyfigures: number; monitor: number; population: number; signals: number };
  /** The zone's key file written (or found holding the same key); null when SAFETY_SCAN_KEY holds it or no key was needed. */
  keyFile: string | null;
}

/** One column of a copied table and its PostgreSQL type (the rows travel as one array per column). */
interface Column {
  name: string;
  type: string;
}


/** Rows gathered for one statement: at most this many, or about this many bytes of survey columns. */
const ROWS_PER_STATEMENT = 5_000;
const BYTES_PER_STATEMENT = 16 * 1024 * 1024;

/** The tables copied row by row, their columns as both stores name them (`batch_id` first, renumbered). */
const TABLES: Array<{ table: string; columns: Column[]; order: string }> = [
  {
    table: 'population',
    columns: cols('batch_id int, line int, wave text, district text, sex text, age_group text, age_min int, age_max int, population float8'),
    order: 'rowid',
  },
  { table: 'survey_chunks', columns: cols('batch_id int, wave text, chunk int, rows int, districts text, items text'), order: 'batch_id, wave, chunk' },
  { table: 'survey_columns', columns: cols('batch_id int, wave text, chunk int, name text, data bytea'), order: 'batch_id, wave, chunk, name' },
  // key figures keep their stored order (SQLite's rowid, the shared store's rowid identity): pseudonym order within a
  // batch since it was imported so, the file's order in a store imported before (README, Privacy)
  {
    table: 'keyfigures',
    columns: cols('batch_id int, wave text, interview text, district text, organisation_type text, theme text, severity int, trend text'),
    order: 'rowid',
  },
  {
    table: 'monitor',
    columns: cols('batch_id int, line int, wave text, area text, indicator text, value float8, ci_low float8, ci_high float8, n int'),
    order: 'rowid',
  },
  { table: 'signals', columns: cols('batch_id int, line int, wave text, date text, district text, theme text, source text, count int'), order: 'rowid' },
];

function cols(spec: string): Column[] {
  return spec.split(', ').map((part) => {
    const [name, type] = part.split(' ');
    return { name, type };
  });
}

/** Opens the SQLite store read-only; one of another schema version is refused (upgrading it would change the file). */
function openSource(path: string): Database.Database {
  if (!existsSync(path)) throw new StoreError('store.missing', { store: path });
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storeFailure(path, error);
  }
  try {
    // one read transaction for the whole copy: a process importing into the file meanwhile is not half seen
    db.exec('BEGIN');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('meta')) throw new StoreError('store.not_a_store', { store: path });
    // judged as the SQLite store judges them when it opens (src/store/meta.ts)
    const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
    if (schemaVersion(path, meta) < SCHEMA_VERSION) throw new StoreError('migrate.source_outdated', { store: path });
    checkKeyRecords(path, meta, () => db.prepare('SELECT EXISTS (SELECT 1 FROM survey_chunks) OR EXISTS (SELECT 1 FROM keyfigures)').pluck().get() === 1);
    return db;
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : storeFailure(path, error);
  }
}

/** The SQLite store's key, checked against its fingerprint; null for a store that never made a pseudonym. */
function sourceKey(db: Database.Database, path: string, keys: KeyPlace): { key: Buffer; check: string } | null {
  const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  const kept = meta('secret');
  // a store older than key files kept its key inside (src/store/db.ts moves it out when opened to write)
  if (kept !== undefined) {
    const key = Buffer.from(kept, 'hex');
    return { key, check: keyCheck(key) };
  }
  const check = meta('key_check');
  if (check === undefined) return null;
  const storeId = meta('store_id');
  if (storeId === undefined) throw new StoreError('store.not_a_store', { store: path });
  const file = keyFile(keys, storeId, path);
  const fromEnv = keyFromEnv(keys);
  const key = fromEnv ?? readKeyFile(file);
  if (!key) throw new StoreError('key.missing', { store: path, file });
  if (keyCheck(key) !== check) throw new StoreError(fromEnv ? 'key.env_wrong' : 'key.file_wrong', { store: path, file });
  return { key, check };
}

/**
 * Makes the SQLite store's key the zone's: refused when the zone already has another key (its fingerprint in
 * `zone_meta`, or its key file); the key file is written (0600, flushed) before the fingerprint is recorded.
 */
async function carryKey(zone: ZoneStore, carried: { key: Buffer; check: string }, keys: KeyPlace, source: string, made: (file: string) => void): Promise<string | null> {
  const named = `${zone.store.name} (${zone.zone})`;
  const file = keyFile(keys, zoneKeyId(zone), named);
  const { rows } = await zone.store.client.query<{ value: string }>("SELECT value FROM zone_meta WHERE key = 'key_check'");
  if (rows[0] !== undefined && rows[0].value !== carried.check) throw new StoreError('migrate.key_differs', { zone: named, from: source, file });
  const existing = readKeyFile(file);
  if (existing && keyCheck(existing) !== carried.check) throw new StoreError('migrate.key_differs', { zone: named, from: source, file });
  let written: string | null = existing ? file : null;
  if (!existing && !keyFromEnv(keys)) {
    writeKeyFile(file, carried.key);
    made(file);
    written = file;
  }
  await rememberKey(zone, carried.check, file);
  return written;
}

/** Inserts rows (one array per column) in their order, in one statement. */
async function insertRows(client: pg.Client, table: string, columns: Column[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const arrays = columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
  await client.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM unnest(${arrays}) WITH ORDINALITY AS u(${names}, ord) ORDER BY ord`,
    columns.map((_, i) => rows.map((row) => row[i])),
  );
}

/** Copies one table, its rows' batches renumbered; the number of rows copied. */
async function copyTable(db: Database.Database, client: pg.Client, spec: (typeof TABLES)[number], ids: Map<number, number>, source: string): Promise<number> {
  const select = db.prepare(`SELECT ${spec.columns.map((column) => column.name).join(', ')} FROM ${spec.table} ORDER BY ${spec.order}`).raw();
  let pending: unknown[][] = [];
  let bytes = 0;
  let copied = 0;
  for (const row of sqliteRows(select.iterate() as Iterator<unknown[]>, source)) {
    const batch = ids.get(Number(row[0]));
    if (batch === undefined) throw new StoreError('store.damaged', { store: source, where: `${spec.table}: batch ${String(row[0])}` });
    row[0] = batch;
    pending.push(row);
    for (const value of row) if (Buffer.isBuffer(value)) bytes += value.length;
    if (pending.length >= ROWS_PER_STATEMENT || bytes >= BYTES_PER_STATEMENT) {
      await insertRows(client, spec.table, spec.columns, pending);
      copied += pending.length;
      pending = [];
      bytes = 0;
    }
  }
  await insertRows(client, spec.table, spec.columns, pending);
  return copied + pending.length;
}

/** The rows of a SQLite statement, a failure of the file's read a store error naming the file (not the shared store). */
function* sqliteRows(rows: Iterator<unknown[]>, source: string): Generator<unknown[]> {
  try {
    for (;;) {
      let next: IteratorResult<unknown[]>;
      try {
        next = rows.next();
      } catch (error) {
        throw storeFailure(source, error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // a copy stopped halfway (the shared store failed) ends the statement, so the file can be closed
    rows.return?.();
  }
}

const BATCH_COLUMNS = ['kind', 'file_name', 'sha256', 'options_digest', 'waves', 'rows_read', 'rows_stored', 'rows_rejected', 'tool_version', 'imported_at', 'details'];

/** Copies the batches in their order; the shared store numbers them. Old id -> new id. */
async function copyBatches(db: Database.Database, client: pg.Client): Promise<Map<number, number>> {
  const rows = db.prepare(`SELECT id, ${BATCH_COLUMNS.join(', ')} FROM batches ORDER BY id`).raw().all() as unknown[][];
  const ids = new Map<number, number>();
  const insert = `INSERT INTO batches (${BATCH_COLUMNS.join(', ')}) VALUES (${BATCH_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;
  for (const [id, ...values] of rows) {
    const { rows: made } = await client.query<{ id: number }>(insert, values);
    ids.set(Number(id), made[0].id);
  }
  return ids;
}

/** The SQLite store at `from` copied into zone `zone` of the shared store at `url` (the login's own zone when none is named). */
export async function migrateFromSqlite(from: string, url: string, zoneWanted: string | undefined, keys: KeyPlace): Promise<MigrateSummary> {
  const db = openSource(from);
  try {
    const carried = sourceKey(db, from, keys);
    const zone = await openZone(url, zoneWanted);
    const { store } = zone;
    // a key file written for a copy that then failed goes again: the zone stays as it was, without a key
    let madeKeyFile: string | null = null;
    try {
      return await store.transaction(async (client) => {
        await lockZone(client, zone.zone);
        const held = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM batches');
        if (held.rows[0].n > 0) throw new UsageError('migrate.zone_not_empty', { zone: zone.zone, store: store.name, batches: held.rows[0].n });
        const written = carried
          ? await carryKey(zone, carried, keys, from, (file) => {
              madeKeyFile = file;
            })
          : null;
        const ids = await copyBatches(db, client);
        const copied: Record<string, number> = {};
        for (const spec of TABLES) copied[spec.table] = await copyTable(db, client, spec, ids, from);
        const respondents = db.prepare('SELECT COALESCE(SUM(rows), 0) FROM survey_chunks').pluck().get() as number;
        return {
          zone: zone.zone,
          store: store.name,
          batches: ids.size,
          rows: { survey: respondents, keyfigures: copied.keyfigures, monitor: copied.monitor, population: copied.population, signals: copied.signals },
          keyFile: written,
        };
      });
    } catch (error) {
      if (madeKeyFile !== null) rmSync(madeKeyFile, { force: true });
      throw error;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof SafetyScanError) throw error;
    throw storeFailure(from, error);
  } finally {
    db.close();
  }
}
