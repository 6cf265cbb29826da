// Batch ids are numbered by the store within each zone (adversarial run r38-B, X1): a zone's role, with plain
// SQL, can neither block another zone's imports by taking ids ahead (INSERT with an id, UPDATE of its own ids),
// nor draw or set a sequence (batch ids have none left; key-figure rowids keep theirs, out of the zones' reach),
// nor count the other zones' imports by its batch ids; a store of the version before gets the same by the normal
// migration, its rows kept.
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { openPgStore } from '../../src/store/pg/connect.js';
import { PG_SCHEMA_VERSION } from '../../src/store/pg/schema.js';
import { addZone } from '../../src/store/pg/zones.js';
import { describePostgres, useCluster } from '../support/postgres.js';

const BATCH_COLUMNS = 'kind, file_name, sha256, options_digest, waves, rows_read, rows_stored, rows_rejected, tool_version, imported_at, details';
const BATCH_VALUES = "'signals', 'x.csv', 's', 'o', '[\"2026\"]', 1, 1, 0, 't', '2026-12-08T01:00:00Z', '{}'";
const KEYFIGURE =
  "INSERT INTO keyfigures (batch_id, wave, interview, district, organisation_type, theme, severity) SELECT $1, '2026', 'a' || g, 'Ledeberg', 'school', 'drugs', 3 FROM generate_series(1, $2::int) g";

/** A batch as the tool writes it (no id given), with `keyfigures` key-figure rows under it; its id. */
async function importAs(client: pg.Client, keyfigures = 0): Promise<number> {
  const { rows } = await client.query<{ id: number }>(`INSERT INTO batches (${BATCH_COLUMNS}) VALUES (${BATCH_VALUES}) RETURNING id`);
  if (keyfigures > 0) await client.query(KEYFIGURE, [rows[0].id, keyfigures]);
  return rows[0].id;
}

const ids = async (client: pg.Client, sql: string) => (await client.query<{ id: number }>(sql)).rows.map((row) => Number(row.id));

describePostgres('batch ids numbered within each zone, sequences out of the zones\' reach', () => {
  const cluster = useCluster();
  const clients: pg.Client[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) await client.end();
  });

  async function login(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  /** A new store with zones Gent and Brugge, each logged in with its own role; the owner's URL too. */
  async function twoZones(database: string): Promise<{ owner: string; gent: pg.Client; brugge: pg.Client }> {
    const owner = await cluster().createStore(database);
    const store = await openPgStore(owner);
    const zones = [await addZone(store, 'Gent', false), await addZone(store, 'Brugge', false)];
    await store.close();
    return { owner, gent: await login(zones[0].connection), brugge: await login(zones[1].connection) };
  }

  it('a zone inserting batches with ids of its choosing, ahead of every other zone\'s, blocks no other zone\'s import', async () => {
    const { gent, brugge } = await twoZones('taken_ahead');
    await importAs(brugge);
    await importAs(gent);
    const taken = await ids(gent, `INSERT INTO batches (id, ${BATCH_COLUMNS}) SELECT g, ${BATCH_VALUES} FROM generate_series(1, 300) g ON CONFLICT DO NOTHING RETURNING id`);
    // the ids given were not kept: the store numbered the rows after the zone's own
    expect(taken).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
    expect(await importAs(brugge, 2)).toBe(2);
    expect(await importAs(brugge)).toBe(3);
  });

  it('a zone moving its own batch ids ahead with UPDATE blocks no other zone\'s import', async () => {
    const { gent, brugge } = await twoZones('moved_ahead');
    await importAs(gent);
    await importAs(brugge);
    for (let i = 0; i < 10; i++) await importAs(gent);
    // each of Gent's last ten batches moved ten ahead: over the next numbers a shared sequence would give
    expect((await gent.query('UPDATE batches SET id = id + 10 WHERE id > 1')).rowCount).toBe(10);
    for (let i = 0; i < 12; i++) await importAs(brugge, 1);
    expect(await ids(brugge, 'SELECT id FROM batches ORDER BY id')).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // a zone's own imports go on after its highest id
    expect(await importAs(gent)).toBe(22);
  });

  it('no zone can draw, set or exhaust a sequence shared by the zones', async () => {
    const { gent, brugge } = await twoZones('sequences');
    await importAs(brugge, 1);
    const usable = await gent.query("SELECT relname FROM pg_class WHERE CASE WHEN relkind = 'S' THEN has_sequence_privilege(oid, 'USAGE') ELSE false END");
    expect(usable.rows).toEqual([]);
    for (const sequence of ['batches_id_seq', 'keyfigures_rowid_seq']) {
      await expect(gent.query(`SELECT nextval('${sequence}')`)).rejects.toThrow(/does not exist|permission denied/);
      await expect(gent.query(`SELECT setval('${sequence}', 2147483647)`)).rejects.toThrow(/does not exist|permission denied/);
    }
    expect(await importAs(brugge, 1)).toBe(2);
  });

  it('the batch ids a zone gets count its own imports only, whatever the other zones import in between', async () => {
    const { gent, brugge } = await twoZones('counted');
    const gents = [await importAs(gent, 3)];
    for (let i = 0; i < 5; i++) await importAs(brugge, 4);
    gents.push(await importAs(gent, 3));
    expect(gents).toEqual([1, 2]);
    // key figures still get their rowid (drawn for the zone without its own right to the sequence), in the order written
    const { rows } = await gent.query<{ interview: string }>('SELECT interview FROM keyfigures ORDER BY rowid');
    expect(rows.map((row) => row.interview)).toEqual(['a1', 'a2', 'a3', 'a1', 'a2', 'a3']);
  });

  it('a store of the version before, whose zone took ids ahead, is migrated: its rows kept, the other zone imports again', async () => {
    const { owner, gent, brugge } = await twoZones('older');
    const [{ group }] = await cluster().sql<{ group: string }>('older', "SELECT value AS \"group\" FROM meta WHERE key = 'zone_group'");
    // the schema as version 9 left it: one identity sequence per table for every zone, each zone allowed to use it
    await cluster().sql(
      'older',
      `DO $$ BEGIN
         IF (SELECT attidentity FROM pg_attribute WHERE attrelid = 'batches'::regclass AND attname = 'id') = '' THEN
           DROP TRIGGER batches_numbered ON batches;
           DROP FUNCTION safety_scan_number_batch();
           ALTER TABLE batches DROP CONSTRAINT batches_pkey, ADD CONSTRAINT batches_pkey PRIMARY KEY (id);
           ALTER TABLE batches ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
           GRANT USAGE ON SEQUENCE batches_id_seq, keyfigures_rowid_seq TO ${pg.escapeIdentifier(group)};
         END IF;
       END $$;
       UPDATE meta SET value = '9' WHERE key = 'schema_version'`,
    );
    await importAs(gent, 2);
    await importAs(brugge, 2);
    const taken = await ids(gent, `INSERT INTO batches (id, ${BATCH_COLUMNS}) SELECT g, ${BATCH_VALUES} FROM generate_series(1, 100) g ON CONFLICT DO NOTHING RETURNING id`);
    expect(taken).toHaveLength(98);
    await expect(importAs(brugge)).rejects.toThrow(/batches_pkey/); // the finding, at version 9
    const before = await ids(gent, 'SELECT id FROM batches ORDER BY id');

    await (await openPgStore(owner)).close();
    expect(await cluster().sql('older', "SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([{ value: String(PG_SCHEMA_VERSION) }]);
    expect(await ids(gent, 'SELECT id FROM batches ORDER BY id')).toEqual(before);
    expect(await ids(brugge, 'SELECT rowid AS id FROM keyfigures ORDER BY rowid')).toEqual([3, 4]);
    expect(await importAs(brugge, 2)).toBe(3);
    expect(await ids(brugge, 'SELECT rowid AS id FROM keyfigures ORDER BY rowid')).toEqual([3, 4, 5, 6]);
    expect(await importAs(gent)).toBe(101);
    for (const sequence of ['batches_id_seq', 'keyfigures_rowid_seq']) {
      await expect(gent.query(`SELECT nextval('${sequence}')`)).rejects.toThrow(/does not exist|permission denied/);
    }
  });
});
