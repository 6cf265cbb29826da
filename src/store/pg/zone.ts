// Working as one zone of a shared PostgreSQL store: the zone is the login's (a zone's own connection string),
// or, for the store's owner, the zone named with `--zone` or the configuration's `zone:`, taken on with SET ROLE.
// Row-level security then keeps every statement to that zone's rows (src/store/pg/schema.ts).
import pg from 'pg';
import { StoreError, UsageError } from '../../errors.js';
import { message, type Message } from '../../i18n/index.js';
import { keyFile, keyWhere, PSEUDONYM_TABLES, storeKey, type KeyPlace, type KeyWhere } from '../key.js';
import { openPgStore } from './connect.js';
import type { PgStore } from './store.js';

export interface ZoneStore {
  store: PgStore;
  zone: string;
  /** The zone's login role (row-level security compares with it). */
  role: string;
  storeId: string;
}

/** The zone this login belongs to, null for another role (the owner). */
async function loginZone(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ zone: string | null }>('SELECT safety_scan_zone() AS zone');
  return rows[0].zone;
}

async function zoneRole(client: pg.Client, zone: string): Promise<string> {
  const { rows } = await client.query<{ role: string }>('SELECT role FROM zones WHERE name = $1', [zone]);
  if (rows.length > 0) return rows[0].role;
  const zones = await client.query<{ name: string }>('SELECT name FROM zones ORDER BY name');
  throw new UsageError('zone.unknown', { zone, zones: zones.rows.map((row) => row.name).join(', ') || '-' });
}

/**
 * Connects to the store as the zone `wanted` names (or the login's own zone when none is named). A zone's login
 * naming another zone is refused: a connection string and a configuration of two zones never mix their rows.
 */
export async function openZone(url: string, wanted: string | undefined): Promise<ZoneStore> {
  const store = await openPgStore(url);
  try {
    const client = store.client;
    const own = await loginZone(client).catch((error: unknown) => {
      throw store.failure(error);
    });
    const storeId = await store.meta('store_id');
    if (own !== null) {
      if (wanted !== undefined && wanted.trim() !== own) throw new UsageError('zone.not_this_login', { zone: wanted.trim(), login: own, store: store.name });
      return { store, zone: own, role: await zoneRole(client, own), storeId };
    }
    if (wanted === undefined) throw new UsageError('zone.not_named', { store: store.name });
    const zone = wanted.trim();
    const role = await zoneRole(client, zone).catch((error: unknown) => {
      throw store.failure(error);
    });
    try {
      // The owner made the role (admin add-zone), so it may make itself a member, and then act as the zone.
      await client.query(`GRANT ${pg.escapeIdentifier(role)} TO CURRENT_USER`);
      await client.query(`SET ROLE ${pg.escapeIdentifier(role)}`);
    } catch (error) {
      throw store.failure(error);
    }
    return { store, zone, role, storeId };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The name a zone's key file is found under: its store's id and the zone's role (README, Privacy). */
export function zoneKeyId(zone: Pick<ZoneStore, 'storeId' | 'role'>): string {
  return `${zone.storeId}.${zone.role}`;
}

/** Where the zone's key is (for `status`): SAFETY_SCAN_KEY or the zone's key file; nothing is read or written. */
export async function zoneKeyWhere(zone: ZoneStore, keys: KeyPlace): Promise<KeyWhere> {
  const { store } = zone;
  try {
    const check = await keyCheckOf(zone);
    // a zone that holds nothing made with its key gets a new key when its key file is gone, as a new zone does
    return keyWhere(keys, { storeId: zoneKeyId(zone), check: check !== undefined && (await holdsNothing(zone)) ? undefined : check, keptInside: false }, `${store.name} (${zone.zone})`);
  } catch (error) {
    throw error instanceof StoreError ? error : store.failure(error);
  }
}

/**
 * The zone's pseudonymisation key: SAFETY_SCAN_KEY, else the zone's key file, else (a zone without pseudonyms
 * yet) a new key written to its key file. Like a SQLite store's, it never enters the store: the zone keeps the
 * key's fingerprint in `zone_meta`, so a wrong key is refused instead of silently missing every duplicate.
 * `write` false (a dry run): nothing is written, and a zone without a key yet gets a throwaway one, which matches
 * nothing stored, as no pseudonym is.
 */
export async function zoneKey(zone: ZoneStore, keys: KeyPlace, write = true, notice?: (notice: Message) => void): Promise<Buffer> {
  const { store } = zone;
  const named = `${store.name} (${zone.zone})`;
  try {
    const check = await keyCheckOf(zone);
    // a zone that holds nothing made with its key (all of it forgotten, or only figures without pseudonyms)
    const unused = check !== undefined && (await holdsNothing(zone));
    let remembered: string | undefined;
    const remember = (made: string) => {
      remembered = made;
    };
    const key = storeKey(keys, { storeId: zoneKeyId(zone), check, unused }, named, write ? remember : undefined);
    if (remembered !== undefined) {
      const file = keyFile(keys, zoneKeyId(zone), named);
      await rememberKey(zone, remembered, file, unused ? check : undefined);
      if (unused) notice?.(message('key.new_for_unused', { store: named, file }));
    }
    return key;
  } catch (error) {
    throw error instanceof StoreError ? error : store.failure(error);
  }
}

async function keyCheckOf(zone: ZoneStore): Promise<string | undefined> {
  const { rows } = await zone.store.client.query<{ value: string }>("SELECT value FROM zone_meta WHERE key = 'key_check'");
  return rows[0]?.value;
}

/** True when the zone holds no row with a pseudonym: nothing made with its key (r16, F4; as a SQLite store's holdsNothing). */
async function holdsNothing(zone: ZoneStore): Promise<boolean> {
  for (const table of PSEUDONYM_TABLES) {
    const { rows } = await zone.store.client.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`);
    if (rows[0]?.found === true) return false;
  }
  return true;
}

/** Records a zone's key fingerprint; one recorded by another machine at the same moment must be of this key. */
export async function rememberKey(zone: ZoneStore, check: string, file: string, replacing?: string): Promise<void> {
  // replacing the fingerprint of a key whose file is gone and that nothing uses: only while it is still that one
  const { rows } = await zone.store.client.query<{ value: string }>(
    "INSERT INTO zone_meta (key, value) VALUES ('key_check', $1) ON CONFLICT (zone, key) DO UPDATE SET value = CASE WHEN zone_meta.value = $2 THEN EXCLUDED.value ELSE zone_meta.value END RETURNING value",
    [check, replacing ?? null],
  );
  if (rows[0].value !== check) throw new StoreError('key.file_wrong', { file, store: `${zone.store.name} (${zone.zone})` });
}

/**
 * Holds the zone's write lock until the transaction ends: an import, a forget and a migration into one zone run
 * one after the other, while other zones' do not wait (an advisory lock keyed by the zone's name).
 */
export async function lockZone(client: pg.Client, zone: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ZONE_WRITE_LOCK, zone]);
}

const ZONE_WRITE_LOCK = 0x5afe1d00;
