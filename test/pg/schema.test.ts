// The PostgreSQL store's schema: created on an empty database, left alone when current, refused when newer or
// not a store's; the same tables and columns as the SQLite store's version 5, plus the zones; two processes
// (connections) creating it at once create it once, one waiting for the other's advisory lock.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/schema.js';
import { SCHEMA_LOCK } from '../../src/store/pg/migrate.js';
import { PG_SCHEMA_VERSION, ZONED_TABLES } from '../../src/store/pg/schema.js';
import { openPgStore } from '../../src/store/pg/connect.js';
import { addZone } from '../../src/store/pg/zones.js';
import { runCli } from '../helpers/run-cli.js';
import { describePostgres, useCluster } from '../support/postgres.js';
import { scratchFolder } from '../helpers/scratch.js';

const SQLITE_TYPES: Record<string, string> = { INTEGER: 'integer', TEXT: 'text', REAL: 'double precision', BLOB: 'bytea' };

/** Columns of the SQLite store at the PostgreSQL store's version, per table: name, PostgreSQL type, nullable. */
function sqliteColumns(): Map<string, string[]> {
  const db = new Database(':memory:');
  for (const migration of MIGRATIONS.filter((m) => m.version <= PG_SCHEMA_VERSION)) db.exec(migration.sql);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const columns = new Map<string, string[]>();
  for (const table of tables) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string; notnull: number; pk: number }>;
    columns.set(table, info.map((c) => `${c.name} ${SQLITE_TYPES[c.type]} ${c.notnull || c.pk ? 'NOT NULL' : 'NULL'}`).sort());
  }
  db.close();
  return columns;
}

async function pgColumns(url: string): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
  );
  await client.end();
  const columns = new Map<string, string[]>();
  for (const row of rows) {
    const list = columns.get(row.table_name) ?? [];
    list.push(`${row.column_name} ${row.data_type} ${row.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    columns.set(row.table_name, list.sort());
  }
  return columns;
}

describePostgres('PostgreSQL store schema', () => {
  const cluster = useCluster();

  it('is created on an empty database: schema_version in meta, as SQLite keeps it', async () => {
    const url = await cluster().createStore('created');
    const store = await openPgStore(url);
    expect(await store.meta('schema_version')).toBe(String(PG_SCHEMA_VERSION));
    expect(await store.meta('store_id')).toMatch(/^[0-9a-f]{32}$/);
    await store.close();
    const rls = await cluster().sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      'created',
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relkind = 'r' AND relrowsecurity ORDER BY relname",
    );
    expect(rls.map((row) => row.relname)).toEqual([...ZONED_TABLES, 'peer_indicators', 'zone_meta'].sort());
    expect(rls.every((row) => row.relforcerowsecurity)).toBe(true);
  });

  it('has the SQLite store\'s tables and columns at the same version, with a zone on every zoned table', async () => {
    const url = await cluster().createStore('mirror');
    await (await openPgStore(url)).close();
    const sqlite = sqliteColumns();
    const postgres = await pgColumns(url);
    for (const [table, columns] of sqlite) {
      const extra = [...((ZONED_TABLES as readonly string[]).includes(table) ? ['zone text NOT NULL'] : []), ...(table === 'keyfigures' ? ['rowid bigint NOT NULL'] : [])];
      expect(postgres.get(table), table).toEqual([...columns, ...extra].sort());
    }
    expect([...postgres.keys()].sort()).toEqual([...sqlite.keys(), 'zones', 'zone_meta', 'peer_indicators'].sort());
    expect(postgres.get('zone_meta')).toEqual(['key text NOT NULL', 'value text NOT NULL', 'zone text NOT NULL']);
    expect(postgres.get('peer_indicators')).toEqual(
      ['zone text NOT NULL', 'district text NULL', 'wave text NOT NULL', 'indicator text NOT NULL', 'estimate double precision NOT NULL', 'se double precision NOT NULL',
        'ci_low double precision NOT NULL', 'ci_high double precision NOT NULL', 'n integer NOT NULL', 'n_eff double precision NOT NULL'].sort(),
    );
  });

  it('is opened again as it is: the same store id, nothing migrated twice', async () => {
    const url = await cluster().createStore('reopened');
    const first = await openPgStore(url);
    const id = await first.meta('store_id');
    await first.close();
    const second = await openPgStore(url);
    expect(await second.meta('store_id')).toBe(id);
    expect(await second.meta('schema_version')).toBe(String(PG_SCHEMA_VERSION));
    await second.close();
    const meta = await cluster().sql<{ key: string }>('reopened', 'SELECT key FROM meta ORDER BY key');
    expect(meta.map((row) => row.key)).toEqual(['created_with', 'schema_version', 'store_id', 'zone_group']);
  });

  it('upgrades a store of version 5: the notes its zones stored are cleared, and none can be stored again', async () => {
    const url = await cluster().createStore('upgraded');
    const store = await openPgStore(url);
    const zone = await addZone(store, 'Gent', false);
    const id = await store.meta('store_id');
    await store.close();
    await cluster().sql('upgraded', "DROP TABLE zone_meta; ALTER TABLE peer_indicators DROP CONSTRAINT peer_indicators_plausible; ALTER TABLE keyfigures DROP CONSTRAINT keyfigures_no_note; UPDATE meta SET value = '5' WHERE key = 'schema_version'");
    const gent = new pg.Client({ connectionString: zone.connection });
    await gent.connect();
    const [{ batch }] = (
      await gent.query<{ batch: number }>(
        `INSERT INTO batches (kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
         VALUES ('keyfigures', 'k.csv', 's', 'o', '["2026"]', 1, 1, 0, 't', 'now', '{}') RETURNING id AS batch`,
      )
    ).rows;
    await gent.query(
      "INSERT INTO keyfigures (batch_id, wave, interview, district, organisation_type, theme, severity, note) VALUES ($1, '2026', 'a1', 'Ledeberg', 'school', 'drugs', 3, 'free text')",
      [batch],
    );
    await gent.end();
    const upgraded = await openPgStore(url);
    expect(await upgraded.meta('schema_version')).toBe(String(PG_SCHEMA_VERSION));
    expect(await upgraded.meta('store_id')).toBe(id);
    await upgraded.close();
    expect(await cluster().sql('upgraded', 'SELECT district, note FROM keyfigures')).toEqual([{ district: 'Ledeberg', note: null }]);
    const forced = await cluster().sql<{ forced: boolean }>('upgraded', "SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'keyfigures'");
    expect(forced).toEqual([{ forced: true }]);
    await expect(cluster().sql('upgraded', "UPDATE keyfigures SET note = 'again'")).rejects.toThrow(/keyfigures_no_note/);
  });

  it('refuses a store of a newer schema as SQLite does (store.too_new)', async () => {
    const url = await cluster().createStore('newer');
    await (await openPgStore(url)).close();
    await cluster().sql('newer', "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    await expect(openPgStore(url)).rejects.toMatchObject({ kind: 'store', detail: { key: 'store.too_new', params: { version: 99, supported: PG_SCHEMA_VERSION } } });
  });

  it('refuses a database whose schema holds other tables and no store (store.not_a_store), changing nothing', async () => {
    const url = await cluster().createStore('other');
    await cluster().sql('other', 'CREATE TABLE invoices (id integer); ALTER TABLE invoices OWNER TO other_owner');
    await expect(openPgStore(url)).rejects.toMatchObject({ detail: { key: 'store.not_a_store' } });
    const tables = await cluster().sql<{ tablename: string }>('other', "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((row) => row.tablename)).toEqual(['invoices']);
  });

  // adversarial run r9, F3: a table gone was PostgreSQL's English "relation ... does not exist"
  it('calls a store missing a table damaged, in the reader\'s language, naming the table', async () => {
    const url = await cluster().createStore('gone');
    const store = await openPgStore(url);
    const zone = (await addZone(store, 'Gent', false)).connection;
    await store.close();
    await cluster().sql('gone', 'DROP TABLE signals CASCADE');
    const folder = scratchFolder('gone-');
    try {
      const run = await runCli(['--lang', 'nl', '--store', zone, 'status'], { cwd: folder, env: { HOME: folder } });
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toContain('is beschadigd');
      expect(run.stderr).toContain('signals');
      expect(run.stderr).not.toContain('does not exist');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is created once when three connections open a new store at once', async () => {
    const url = await cluster().createStore('together');
    const stores = await Promise.all([openPgStore(url), openPgStore(url), openPgStore(url)]);
    const ids = await Promise.all(stores.map((store) => store.meta('store_id')));
    await Promise.all(stores.map((store) => store.close()));
    expect(new Set(ids).size).toBe(1);
    const group = await cluster().sql<{ n: number }>('together', "SELECT count(*)::int AS n FROM pg_roles WHERE rolname = (SELECT value FROM meta WHERE key = 'zone_group')");
    expect(group[0].n).toBe(1);
  });

  it('a connection lost inside a transaction leaves nothing of it, and is a store error saying so', async () => {
    const url = await cluster().createStore('lost');
    const store = await openPgStore(url);
    const work = store.transaction(async (client) => {
      await client.query("INSERT INTO zones (name, role) VALUES ('Gent', 'zone_gent')");
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      await cluster().sql('lost', 'SELECT pg_terminate_backend($1)', [pid]);
      await client.query('SELECT 1');
    });
    await expect(work).rejects.toMatchObject({ kind: 'store', detail: { key: 'store.pg_unreachable' } });
    await store.close();
    expect(await cluster().sql('lost', 'SELECT name FROM zones')).toEqual([]);
  });

  it('waits for another process holding the schema lock, then finds the store made', async () => {
    const url = await cluster().createStore('waiting');
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    let opened = false;
    const opening = openPgStore(url).then((store) => {
      opened = true;
      return store;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(opened).toBe(false);
    await holder.query('COMMIT');
    await holder.end();
    const store = await opening;
    expect(await store.meta('schema_version')).toBe(String(PG_SCHEMA_VERSION));
    await store.close();
  });
});
