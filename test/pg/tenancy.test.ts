// Zones as tenants, through plain SQL: a zone's role reads, changes and deletes only its own zone's rows on
// every zoned table, cannot write a row into another zone, and reads every zone's published peer indicators
// while writing only its own. The store's owner reads no respondent either (FORCE ROW LEVEL SECURITY).
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZONED_TABLES } from '../../src/store/pg/schema.js';
import { openPgStore } from '../../src/store/pg/connect.js';
import { addZone } from '../../src/store/pg/zones.js';
import { describePostgres, useCluster } from '../support/postgres.js';

type Table = (typeof ZONED_TABLES)[number];

/** One row per zoned table under a batch, marked with its zone in a text column. */
const ROWS: Record<Exclude<Table, 'batches'>, { insert: string; values: (batch: number, mark: string) => unknown[]; mark: string }> = {
  population: {
    insert: "INSERT INTO population (batch_id, line, district, sex, age_group, age_min, age_max, population) VALUES ($1, 2, $2, 'M', '18-34', 18, 34, 120)",
    values: (batch, mark) => [batch, mark],
    mark: 'district',
  },
  survey_chunks: {
    insert: "INSERT INTO survey_chunks (batch_id, wave, chunk, rows, districts, items) VALUES ($1, '2026', 0, 1, $2, '[]')",
    values: (batch, mark) => [batch, JSON.stringify([mark])],
    mark: 'districts',
  },
  survey_columns: {
    insert: "INSERT INTO survey_columns (batch_id, wave, chunk, name, data) VALUES ($1, '2026', 0, $2, '\\x0300'::bytea)",
    values: (batch, mark) => [batch, `item:${mark}`],
    mark: 'name',
  },
  keyfigures: {
    insert: "INSERT INTO keyfigures (batch_id, wave, interview, district, organisation_type, theme, severity) VALUES ($1, '2026', 'a1b2', $2, 'school', 'speeding', 4)",
    values: (batch, mark) => [batch, mark],
    mark: 'district',
  },
  monitor: {
    insert: "INSERT INTO monitor (batch_id, line, wave, area, indicator, value) VALUES ($1, 2, '2026', $2, 'unsafe_general', 0.3)",
    values: (batch, mark) => [batch, mark],
    mark: 'area',
  },
  signals: {
    insert: "INSERT INTO signals (batch_id, line, wave, date, district, theme, source, count) VALUES ($1, 2, '2026', '2026-03-01', $2, 'parking', 'police_cafe', 3)",
    values: (batch, mark) => [batch, mark],
    mark: 'district',
  },
};
const ROW_TABLES = Object.keys(ROWS) as Array<keyof typeof ROWS>;

async function login(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * A batch and one row in every zoned table, written by the zone's own role (its zone filled in by default). Batch
 * ids are numbered within each zone (every zone's first batch is 1): `id`, when given, renumbers the batch before
 * its rows are written, so that an id names one zone's batch only.
 */
async function importAs(client: pg.Client, mark: string, id?: number): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO batches (kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
     VALUES ('survey', $1, 'sha', 'opt', '["2026"]', 1, 1, 0, 'test', '2026-12-03T18:00:00Z', '{}') RETURNING id`,
    [`${mark}.csv`],
  );
  const batch = id ?? rows[0].id;
  if (id !== undefined) await client.query('UPDATE batches SET id = $1 WHERE id = $2', [id, rows[0].id]);
  for (const table of ROW_TABLES) await client.query(ROWS[table].insert, ROWS[table].values(batch, mark));
  return batch;
}

const count = async (client: pg.Client, table: string, where = 'true', values: unknown[] = []) =>
  (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, values)).rows[0].n;

describePostgres('zones as tenants of one PostgreSQL store', () => {
  const cluster = useCluster();
  let owner: string;
  let gent: pg.Client;
  let brugge: pg.Client;
  let batches: { gent: number; brugge: number };

  beforeAll(async () => {
    owner = await cluster().createStore('tenancy');
    const store = await openPgStore(owner);
    const zones = [await addZone(store, 'Gent', false), await addZone(store, 'Brugge', false)];
    await store.close();
    gent = await login(zones[0].connection);
    brugge = await login(zones[1].connection);
    batches = { gent: await importAs(gent, 'Gent'), brugge: await importAs(brugge, 'Brugge', 2) };
  });

  afterAll(async () => {
    await gent?.end();
    await brugge?.end();
  });

  it('stores each zone\'s rows under its zone, filled in from the role that wrote them', async () => {
    for (const table of ZONED_TABLES) {
      const zones = await cluster().sql<{ zone: string; n: number }>('tenancy', `SELECT zone, count(*)::int AS n FROM ${table} GROUP BY zone ORDER BY zone`);
      expect(zones, table).toEqual([{ zone: 'Brugge', n: 1 }, { zone: 'Gent', n: 1 }]);
    }
  });

  it.each(ZONED_TABLES)('a zone reads only its own rows of %s', async (table) => {
    expect(await count(gent, table)).toBe(1);
    expect(await count(gent, table, 'zone = $1', ['Brugge'])).toBe(0);
    expect(await count(brugge, table)).toBe(1);
    expect(await count(brugge, table, 'zone <> $1', ['Brugge'])).toBe(0);
  });

  it.each(ROW_TABLES)('a zone reads none of the other zone\'s %s by its content either', async (table) => {
    const column = ROWS[table].mark;
    expect(await count(gent, table, `${column} LIKE $1`, ['%Brugge%'])).toBe(0);
    expect(await count(brugge, table, `${column} LIKE $1`, ['%Brugge%'])).toBe(1);
  });

  it.each(ZONED_TABLES)('UPDATE and DELETE of the other zone\'s %s touch nothing', async (table) => {
    const updated = await gent.query(`UPDATE ${table} SET zone = zone WHERE zone = 'Brugge'`);
    const deleted = await gent.query(`DELETE FROM ${table} WHERE zone = 'Brugge'`);
    expect([updated.rowCount, deleted.rowCount]).toEqual([0, 0]);
    expect(await count(brugge, table)).toBe(1);
  });

  it('a batch of the other zone, named by its id, is neither read nor forgotten', async () => {
    expect(await count(gent, 'batches', 'id = $1', [batches.brugge])).toBe(0);
    expect((await gent.query('DELETE FROM batches WHERE id = $1', [batches.brugge])).rowCount).toBe(0);
    expect(await count(brugge, 'survey_columns')).toBe(1);
  });

  it.each(ROW_TABLES)('INSERT of a row into the other zone\'s %s is refused', async (table) => {
    const { insert, values } = ROWS[table];
    const withZone = insert.replace(/^INSERT INTO (\w+) \(/, 'INSERT INTO $1 (zone, ').replace('VALUES (', "VALUES ('Brugge', ");
    await expect(gent.query(withZone, values(batches.brugge, 'Gent'))).rejects.toThrow(/row-level security/);
    // under the other zone's batch, with its own zone: the batch is not one of its own
    await expect(gent.query(insert, values(batches.brugge, 'Gent'))).rejects.toThrow(/foreign key/);
    expect(await count(brugge, table)).toBe(1);
  });

  it('a batch cannot be written into the other zone, nor moved there', async () => {
    await expect(
      gent.query(`INSERT INTO batches (zone, kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details)
                  VALUES ('Brugge', 'survey', 'x.csv', 's', 'o', '[]', 0, 0, 0, 't', 'now', '{}')`),
    ).rejects.toThrow(/row-level security/);
    await expect(gent.query("UPDATE keyfigures SET zone = 'Brugge'")).rejects.toThrow(/row-level security|foreign key/);
    expect(await count(gent, 'keyfigures')).toBe(1);
  });

  it('a temporary table of the zone\'s own cannot stand in for the zones table', async () => {
    await gent.query('CREATE TEMPORARY TABLE zones (name text, role text)');
    await gent.query("INSERT INTO pg_temp.zones VALUES ('Brugge', current_user)");
    expect(await count(gent, 'survey_columns', 'zone = $1', ['Brugge'])).toBe(0);
    await gent.query('DROP TABLE pg_temp.zones');
  });

  it('a key figure\'s note (free text) is never stored', async () => {
    const note = ROWS.keyfigures.insert.replace('severity)', 'severity, note)').replace(', 4)', ", 4, 'the neighbour at number 12')");
    await expect(gent.query(note, ROWS.keyfigures.values(batches.gent, 'Gent'))).rejects.toThrow(/keyfigures_no_note/);
    expect(await count(gent, 'keyfigures')).toBe(1);
  });

  it('a zone can neither create tables in the store\'s schema nor empty a table with TRUNCATE', async () => {
    await expect(gent.query('CREATE TABLE public.zones_copy (name text)')).rejects.toThrow(/permission denied/);
    await expect(gent.query('TRUNCATE survey_columns')).rejects.toThrow(/permission denied/);
    expect(await count(brugge, 'survey_columns')).toBe(1);
  });

  it('rows come back in SQLite\'s order (byte by byte) in a database with a Dutch collation too', async () => {
    const store = await openPgStore(await cluster().createStore('dutch', 'nl-BE'));
    const zone = await addZone(store, 'Ath', false);
    await store.close();
    const client = await login(zone.connection);
    try {
      const batch = await importAs(client, 'Ath');
      for (const district of ['ath', 'Zwijnaarde', 'Élouges', 'Aalst']) await client.query(ROWS.keyfigures.insert, ROWS.keyfigures.values(batch, district));
      const { rows } = await client.query<{ district: string }>('SELECT district FROM keyfigures ORDER BY district');
      expect(rows.map((row) => row.district)).toEqual(['Aalst', 'Ath', 'Zwijnaarde', 'ath', 'Élouges']);
    } finally {
      await client.end();
    }
  });

  it('the store\'s owner reads no zone\'s respondents and writes none', async () => {
    const client = await login(owner);
    try {
      for (const table of ZONED_TABLES) expect(await count(client, table), table).toBe(0);
      await expect(client.query(ROWS.keyfigures.insert.replace('(batch_id,', '(zone, batch_id,').replace('VALUES (', "VALUES ('Gent', "), [batches.gent, 'X'])).rejects.toThrow(
        /row-level security/,
      );
    } finally {
      await client.end();
    }
  });

  it('every zone reads every zone\'s peer indicators, and writes only its own', async () => {
    const publish = (client: pg.Client, district: string | null, estimate: number) =>
      client.query(
        `INSERT INTO peer_indicators (district, wave, indicator, estimate, se, ci_low, ci_high, n, n_eff) VALUES ($1, '2026', 'unsafe_general', $2::float8, 0.02, $2::float8 - 0.04, $2::float8 + 0.04, 400, 310.5)`,
        [district, estimate],
      );
    await publish(gent, null, 0.31);
    await publish(gent, 'Ledeberg', 0.4);
    await publish(brugge, null, 0.22);
    for (const client of [gent, brugge]) {
      const { rows } = await client.query('SELECT zone, district, estimate FROM peer_indicators ORDER BY zone, district NULLS FIRST');
      expect(rows).toEqual([
        { zone: 'Brugge', district: null, estimate: 0.22 },
        { zone: 'Gent', district: null, estimate: 0.31 },
        { zone: 'Gent', district: 'Ledeberg', estimate: 0.4 },
      ]);
    }
    await expect(
      gent.query(`INSERT INTO peer_indicators (zone, wave, indicator, estimate, se, ci_low, ci_high, n, n_eff) VALUES ('Brugge', '2026', 'avoidance', 0.1, 0.01, 0.08, 0.12, 300, 250)`),
    ).rejects.toThrow(/row-level security/);
    expect((await gent.query("UPDATE peer_indicators SET estimate = 0.5, ci_high = 0.6 WHERE zone = 'Brugge'")).rowCount).toBe(0);
    expect((await gent.query("DELETE FROM peer_indicators WHERE zone = 'Brugge'")).rowCount).toBe(0);
    await expect(publish(gent, null, 0.33)).rejects.toThrow(/duplicate key/);
    expect(await count(brugge, 'peer_indicators', 'zone = $1', ['Brugge'])).toBe(1);
  });
});
