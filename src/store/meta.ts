// What a SQLite store's meta table must hold before anything is migrated, keyed or written. Every version of
// safety-scan writes these values itself: anything else is a store changed or damaged outside it (exit 5), and
// is refused before a migration runs on it or a new key is made for it (which would miss every duplicate).
import { StoreError } from '../errors.js';
import { damagedStore } from './failure.js';
import { SCHEMA_VERSION } from './schema.js';

/** One value of the meta table, as stored (undefined when the key is absent). */
export type MetaValue = (key: string) => unknown;

/** A SQLite store's id: 32 hexadecimal digits, which name its key file. */
const STORE_ID = /^[0-9a-f]{32}$/;
/** The key's fingerprint (keyCheck in src/store/key.ts). */
const KEY_CHECK = /^[0-9a-f]{16}$/;
/** A key kept in the store by versions older than key files. */
const KEPT_KEY = /^[0-9a-f]{64}$/;

/**
 * The store's schema version: the digits every version writes, nothing else that Number() would also take
 * ('3x' is NaN, '' and a missing value 0, '1e3' 1000, ' 3' 3). A newer store is refused before its other values
 * are judged, as a newer version may keep them otherwise.
 */
export function schemaVersion(store: string, meta: MetaValue): number {
  const text = meta('schema_version');
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,8}$/.test(text)) throw damagedStore(store, 'meta.schema_version');
  const version = Number(text);
  if (version > SCHEMA_VERSION) throw new StoreError('store.too_new', { store, version, supported: SCHEMA_VERSION });
  return version;
}

/**
 * What the store records about its key: its id (only a store older than key files may lack one, as it still
 * keeps its key in `secret`), and the key's fingerprint once pseudonyms are stored. `holdsPseudonyms` is asked
 * only when the fingerprint is missing.
 */
export function checkKeyRecords(store: string, meta: MetaValue, holdsPseudonyms: () => boolean): void {
  const kept = meta('secret');
  if (kept !== undefined && !matches(kept, KEPT_KEY)) throw damagedStore(store, 'meta.secret');
  const id = meta('store_id');
  if (id === undefined ? kept === undefined : !matches(id, STORE_ID)) throw damagedStore(store, 'meta.store_id');
  const check = meta('key_check');
  if (check === undefined ? kept === undefined && holdsPseudonyms() : !matches(check, KEY_CHECK)) throw damagedStore(store, 'meta.key_check');
}

function matches(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}
