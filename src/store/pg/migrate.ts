// Creating and upgrading a PostgreSQL store's schema: all migrations in one transaction, under an advisory
// lock so that two processes opening a new store at once create it once; a newer schema is refused.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../../errors.js';
import { TOOL_VERSION } from '../../version.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';
import type { PgStore } from './store.js';

/** The advisory lock (per database) held while the schema or the zones change. */
export const SCHEMA_LOCK = 0x5afe5ca7;

/** The zones' group role, by store (roles are shared by every database of a server). */
export function zoneGroupName(storeId: string): string {
  return `safety_scan_zones_${storeId.slice(0, 12)}`;
}

/** The schema version stored, 0 for an empty schema; a schema holding other tables is no store. */
async function storedVersion(client: pg.Client, store: string): Promise<number> {
  const { rows } = await client.query<{ meta: boolean; tables: number }>(
    `SELECT to_regclass(format('%I.meta', current_schema())) IS NOT NULL AS meta,
            (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())::int AS tables`,
  );
  if (!rows[0].meta) {
    if (rows[0].tables > 0) throw new StoreError('store.not_a_store', { store });
    return 0;
  }
  const version = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
  const value = Number(version.rows[0]?.value);
  if (!Number.isInteger(value) || value <= 0) throw new StoreError('store.not_a_store', { store });
  return value;
}

/** True when the store's schema is this version's; a newer one is refused. */
function upToDate(store: PgStore, version: number): boolean {
  if (version > PG_SCHEMA_VERSION) throw new StoreError('store.too_new', { store: store.name, version, supported: PG_SCHEMA_VERSION });
  return version === PG_SCHEMA_VERSION;
}

/** The version is read first without the lock: opening an up-to-date store never waits for another process. */
export async function migrate(store: PgStore): Promise<void> {
  const current = await storedVersion(store.client, store.name).catch((error: unknown) => {
    throw store.failure(error);
  });
  if (upToDate(store, current)) return;
  await store.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    const from = await storedVersion(client, store.name);
    if (upToDate(store, from)) return; // another process migrated while this one waited for the lock
    const storeId = from === 0 ? randomBytes(16).toString('hex') : await store.meta('store_id');
    const names = { zoneGroup: pg.escapeIdentifier(zoneGroupName(storeId)) };
    for (const migration of PG_MIGRATIONS) {
      if (migration.version > from) await client.query(migration.sql(names));
    }
    const set = (key: string, value: string) =>
      client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    await set('schema_version', String(PG_SCHEMA_VERSION));
    if (from === 0) {
      await set('store_id', storeId);
      await set('created_with', TOOL_VERSION);
      await set('zone_group', zoneGroupName(storeId));
    }
  });
}
