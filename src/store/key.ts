// The pseudonymisation key lives outside the store (a key file of the user's, or SAFETY_SCAN_KEY): a copied
// store alone never lets anyone reverse a respondent's or interview's pseudonym (README, Privacy).
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError, UsageError, failureReason, systemFailure } from '../errors.js';
import { phrase, type Phrase } from '../i18n/index.js';
import { damagedStore, onReadOnlyFileSystem } from './failure.js';

/** Where keys are looked for: the run's environment (SAFETY_SCAN_KEY, XDG_CONFIG_HOME, HOME). */
export interface KeyPlace {
  env: NodeJS.ProcessEnv;
}

const KEY_BYTES = 32;

/** The folder of key files: `$XDG_CONFIG_HOME/safety-scan/keys`, else `~/.config/safety-scan/keys`. */
export function keyFolder(place: KeyPlace): string {
  const config = place.env.XDG_CONFIG_HOME?.trim() || join(place.env.HOME?.trim() || '.', '.config');
  return join(config, 'safety-scan', 'keys');
}

/** A store's id (32 hex digits), and for a zone its login role after a dot: nothing that could name another path. */
const KEY_ID = /^[0-9a-f]{32}(?:\.[a-z0-9_]{1,63})?$/;

/**
 * One key file per store, named by the store's id (a store copied elsewhere keeps its id, so its key follows).
 * The id is read from the store, which travels: one that is not an id is a damaged store, never part of a path.
 */
export function keyFile(place: KeyPlace, storeId: string, store: string): string {
  if (!KEY_ID.test(storeId)) throw damagedStore(store, 'meta.store_id');
  return join(keyFolder(place), `${storeId}.key`);
}

/** A short fingerprint kept in the store: a wrong key is refused instead of silently missing every duplicate. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('safety-scan key check').digest('hex').slice(0, 16);
}

/** SAFETY_SCAN_KEY (64 hex digits) when set and not empty. */
export function keyFromEnv(place: KeyPlace): Buffer | null {
  const text = place.env.SAFETY_SCAN_KEY?.trim();
  if (!text) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new UsageError('key.env_invalid');
  return Buffer.from(text, 'hex');
}

/** A key file's key, null when there is no such file; an unreadable or damaged one is a store error. */
export function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('key.unreadable', { file, reason: reasonOf(error) }, { cause: error });
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new StoreError('key.damaged', { file });
  return Buffer.from(text, 'hex');
}

/**
 * Writes a key file 0600 in a 0700 folder, never over an existing one (that would orphan every pseudonym made
 * with it); flushed to disk before the store may rely on it.
 */
export function writeKeyFile(file: string, key: Buffer): void {
  let fd: number;
  try {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    // Node's recursive mkdir says ENOENT where a read-only file system refuses a new folder
    const reason = onReadOnlyFileSystem(file) ? phrase('file.read_only') : reasonOf(error);
    throw new StoreError('key.cannot_write', { file, reason }, { cause: error });
  }
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What a store records about its key: its id (naming the key file) and the key's fingerprint, once a key exists. */
export interface StoreKeyRecord {
  storeId: string;
  check: string | undefined;
}

/**
 * The key of a store: SAFETY_SCAN_KEY, else its key file, else (for a store that has no pseudonyms yet) a new
 * key written to its key file. `remember` records a new key's fingerprint in the store (and names a new key file).
 */
export function storeKey(place: KeyPlace, record: StoreKeyRecord, store: string, remember: (check: string, createdFile?: string) => void): Buffer {
  const file = keyFile(place, record.storeId, store);
  const fromEnv = keyFromEnv(place);
  const key = fromEnv ?? readKeyFile(file);
  if (key) {
    if (record.check === undefined) remember(keyCheck(key));
    else if (keyCheck(key) !== record.check) throw new StoreError(fromEnv ? 'key.env_wrong' : 'key.file_wrong', { store, file });
    return key;
  }
  if (record.check !== undefined) throw new StoreError('key.missing', { store, file });
  const created = randomBytes(KEY_BYTES);
  writeKeyFile(file, created);
  remember(keyCheck(created), file);
  return created;
}

function reasonOf(error: unknown): Phrase | string {
  const failure = systemFailure(error);
  return failure ? failureReason(failure.code) : String(error);
}
