// The pseudonymisation key lives outside the store (a key file of the user's, or SAFETY_SCAN_KEY): a copied
// store alone never lets anyone reverse a respondent's or interview's pseudonym (README, Privacy).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, type Stats, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { StoreError, UsageError, failureReason, systemFailure } from '../errors.js';
import { phrase, type Phrase } from '../i18n/index.js';
import { damagedStore } from './failure.js';
import { makeFolders } from '../make-folders.js';

/** Where keys are looked for: the run's environment (SAFETY_SCAN_KEY, XDG_CONFIG_HOME, HOME). */
export interface KeyPlace {
  env: NodeJS.ProcessEnv;
}

const KEY_BYTES = 32;

/**
 * The folder of key files: `$XDG_CONFIG_HOME/safety-scan/keys`, else `$HOME/.config/safety-scan/keys`. As the
 * XDG Base Directory spec says, a relative XDG_CONFIG_HOME is ignored; without an absolute HOME either there is
 * no such folder (the current one would put the key beside the store, where a copy of one takes the other).
 */
export function keyFolder(place: KeyPlace): string {
  const xdg = place.env.XDG_CONFIG_HOME?.trim();
  const home = place.env.HOME?.trim();
  const config = xdg && isAbsolute(xdg) ? xdg : home && isAbsolute(home) ? join(home, '.config') : undefined;
  if (config === undefined) throw new StoreError('key.no_home');
  return join(config, 'safety-scan', 'keys');
}

/**
 * True when a key file lies in its store's folder or below it, as `~/.config` does when HOME is the store's
 * folder (a service account's, or an analyst working in the home folder): a copy of that folder carries the key
 * beside the pseudonyms it reverses (adversarial run r32, D1). Said when the key is written and by `status`;
 * not refused, as that layout is common and a copy of the store file alone stays safe (README, Privacy).
 */
export function keyBesideStore(file: string, store: string): boolean {
  const inside = relative(dirname(store), file);
  return inside !== '' && !isAbsolute(inside) && inside.split(sep)[0] !== '..';
}

/** A store's id (32 hex digits), and for a zone its login role after a dot: nothing that could name another path. */
const KEY_ID = /^[0-9a-f]{32}(?:\.[a-z0-9_]{1,63})?$/;

/**
 * One key file per store, named by the store's id (a store copied elsewhere keeps its id, so its key follows).
 * The id is read from the store, which travels: one that is not an id is a damaged store, never part of a path.
 */
export function keyFile(place: KeyPlace, storeId: string, store: string): string {
  checkKeyId(storeId, store);
  return join(keyFolder(place), `${storeId}.key`);
}

function checkKeyId(storeId: string, store: string): void {
  if (!KEY_ID.test(storeId)) throw damagedStore(store, 'meta.store_id');
}

/**
 * A file's or its rows' digest as a store keeps it for a batch of pseudonymised rows (survey, key figures):
 * keyed with the store's key, so that no one holding the store alone can test guessed ids against it (a
 * one-row batch's digest with a plain SHA-256 gave its id away; adversarial run r9, F10; docs/methods.md §20).
 */
export function keyedDigest(key: Buffer, hex: string): string {
  return createHmac('sha256', key).update(`safety-scan digest\u0000${hex}`).digest('hex');
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

/** The 32-byte digests of an empty input and of a lone newline: what a key command run on no input gives. */
const EMPTY_DIGESTS: ReadonlySet<string> = new Set(
  ['sha256', 'sha3-256', 'sha512-256', 'blake2s256'].flatMap((algorithm) => ['', '\n'].map((input) => createHash(algorithm).update(input).digest('hex'))),
);

/**
 * True for a key that was not drawn at random but typed or made up: anyone who guessed it could reverse every
 * pseudonym (docs/methods.md, section 20). Each test is one that 32 random bytes fail with a chance below
 * 1e-11: fewer than 10 distinct hexadecimal digits (`0000...`, `abab...`), a pattern of hexadecimal digits that
 * repeats within 32 of them (`0123456789abcdef` four times), bytes in steps of one size (`00 01 02 ...`), or
 * bytes that are all printable ASCII (a pass phrase written out in hexadecimal); or the digest of nothing
 * (`sha256sum < /dev/null`, `echo | sha256sum`), which anyone can compute.
 */
export function madeByHand(key: Buffer): boolean {
  if (EMPTY_DIGESTS.has(key.toString('hex'))) return true;
  const hex = key.toString('hex');
  if (new Set(hex).size < 10) return true;
  for (let period = 1; period <= 32; period++) {
    let repeats = true;
    for (let i = period; i < hex.length && repeats; i++) repeats = hex[i] === hex[i - period];
    if (repeats) return true;
  }
  const step = (key[1] - key[0] + 256) % 256;
  if (key.every((byte, i) => i === 0 || (byte - key[i - 1] + 256) % 256 === step)) return true;
  return key.every((byte) => byte >= 0x20 && byte < 0x7f);
}

/**
 * SAFETY_SCAN_KEY (or null) for a store that has no key yet: refused when it is not 64 hexadecimal digits or looks
 * typed by hand (`madeByHand`). A dry run into a store not made yet checks it too, as the import would.
 */
export function newKeyFromEnv(place: KeyPlace): Buffer | null {
  const key = keyFromEnv(place);
  if (key && madeByHand(key)) throw new UsageError('key.env_weak');
  return key;
}

/**
 * A key file's key, null when there is no such file; an unreadable or damaged one is a store error, and so is
 * one that another user could have put there or read (a link, or a file or folder open to others).
 */
export function readKeyFile(file: string): Buffer | null {
  checkKeyFolders(dirname(file));
  let fd: number;
  try {
    // no link followed; a pipe put in the key's place does not hold the open until someone writes to it
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new StoreError('key.file_link', { file });
    throw new StoreError('key.unreadable', { file, reason: reasonOf(error) }, { cause: error });
  }
  let text: string;
  try {
    const found = fstatSync(fd);
    if (found.isDirectory()) throw new StoreError('key.unreadable', { file, reason: phrase('file.is_folder') });
    if (!found.isFile()) throw new StoreError('key.damaged', { file });
    if (!ownedHere(found)) throw new StoreError('key.not_yours', { place: file });
    if (UNIX && (found.mode & 0o077) !== 0) throw new StoreError('key.file_open', { file });
    text = readFileSync(fd, 'utf8').trim();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('key.unreadable', { file, reason: reasonOf(error) }, { cause: error });
  } finally {
    closeSync(fd);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new StoreError('key.damaged', { file });
  return Buffer.from(text, 'hex');
}

/**
 * Writes a key file 0600 in a 0700 folder, never over an existing one (that would orphan every pseudonym made
 * with it); flushed to disk before the store may rely on it.
 */
export function writeKeyFile(file: string, key: Buffer): void {
  const folder = dirname(file);
  checkKeyFolders(folder);
  let fd: number;
  try {
    makeFolders(folder, 0o700);
    checkKeyFolders(folder);
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('key.cannot_write', { file, reason: reasonOf(error) }, { cause: error });
  }
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Where a store's key is, as `status` shows it (never the key itself). */
export type KeyWhere =
  /** `shown`: the file as a person reads and types it, `~/…` inside HOME */
  | { source: 'file'; file: string; shown: string; state: 'present' | 'missing' | 'not_made'; besideStore: boolean }
  /** SAFETY_SCAN_KEY; a store older than key files (its key still inside); no key folder (no absolute HOME) */
  | { source: 'environment' | 'store' | 'none' };

/** What a store records about its key, as `keyWhere` needs it: its id, its fingerprint, whether the key is still inside. */
export interface KeyRecordSeen {
  storeId: string | undefined;
  check: string | undefined;
  keptInside: boolean;
}

/** Where the key of a store is looked for, and whether its key file is there; nothing is read or written. */
export function keyWhere(place: KeyPlace, record: KeyRecordSeen, store: string): KeyWhere {
  if (record.keptInside) return { source: 'store' };
  if (place.env.SAFETY_SCAN_KEY?.trim()) return { source: 'environment' };
  try {
    keyFolder(place);
  } catch {
    return { source: 'none' };
  }
  const file = keyFile(place, record.storeId ?? '', store);
  const home = place.env.HOME?.trim();
  const inHome = home && isAbsolute(home) ? relative(home, file) : '..';
  const shown = inHome.startsWith('..') || isAbsolute(inHome) || !/^[\w./-]+$/.test(inHome) ? file : `~/${inHome}`;
  const state = existsSync(file) ? 'present' : record.check === undefined ? 'not_made' : 'missing';
  return { source: 'file', file, shown, state, besideStore: isAbsolute(store) && keyBesideStore(file, store) };
}

/** What a store records about its key: its id (naming the key file) and the key's fingerprint, once a key exists. */
export interface StoreKeyRecord {
  storeId: string;
  check: string | undefined;
  /**
   * Nothing in the store was made with the key `check` fingerprints (no batch, no pseudonym): when its key file is
   * gone, the store gets a new key as a new store does, instead of asking for one that may never have been kept.
   */
  unused?: boolean;
}

/**
 * The key of a store: SAFETY_SCAN_KEY, else its key file, else (for a store that has no pseudonyms yet, or holds
 * nothing made with a key whose file is gone) a new key written to its key file. `remember` records a new key's fingerprint in the store (and names a new key file);
 * without it (a store opened to read, as a dry run does) nothing is written: a store with no key yet gets a
 * throwaway one, which matches nothing stored, as no pseudonym is.
 */
export function storeKey(place: KeyPlace, record: StoreKeyRecord, store: string, remember?: (check: string, createdFile?: string) => void): Buffer {
  checkKeyId(record.storeId, store);
  const matched = (key: Buffer, wrong: () => StoreError): Buffer => {
    if (record.check === undefined) remember?.(keyCheck(key));
    else if (keyCheck(key) !== record.check) throw wrong();
    return key;
  };
  // SAFETY_SCAN_KEY needs no key folder: the key file is named only when the key is wrong
  // a key typed by hand is refused before it becomes a store's key; one a store already uses is kept working
  const fromEnv = record.check === undefined ? newKeyFromEnv(place) : keyFromEnv(place);
  if (fromEnv) return matched(fromEnv, () => new StoreError('key.env_wrong', { store, file: keyFile(place, record.storeId, store) }));
  const file = keyFile(place, record.storeId, store);
  const key = readKeyFile(file);
  if (key) return matched(key, () => new StoreError('key.file_wrong', { store, file }));
  if (record.check !== undefined && record.unused !== true) throw new StoreError('key.missing', { store, file });
  const created = randomBytes(KEY_BYTES);
  if (remember === undefined) return created;
  writeKeyFile(file, created);
  remember(keyCheck(created), file);
  return created;
}

/** The tables whose rows carry a pseudonym made with a store's (or zone's) key, in SQLite and PostgreSQL alike. */
export const PSEUDONYM_TABLES = ['survey_chunks', 'keyfigures'] as const;

const UNIX = process.platform !== 'win32';

/**
 * The key folder and the `safety-scan` folder above it, as far as they exist: each a real folder (not a link)
 * of this user's (or root's) that no other user may write to. Whoever could would swap a key for one of their
 * own, or put a link where the key is written. The folder above (`~/.config`) is the user's own affair.
 */
function checkKeyFolders(keys: string): void {
  for (const folder of [dirname(keys), keys]) {
    let found: Stats | undefined;
    try {
      found = lstatSync(folder, { throwIfNoEntry: false });
    } catch (error) {
      throw new StoreError('key.unreadable', { file: folder, reason: reasonOf(error) }, { cause: error });
    }
    if (found?.isSymbolicLink()) throw new StoreError('key.folder_link', { folder });
    // not made yet (then neither is the folder inside it), or not a folder (opening the key file then says so)
    if (found === undefined || !found.isDirectory()) return;
    if (!ownedHere(found)) throw new StoreError('key.not_yours', { place: folder });
    if (UNIX && (found.mode & 0o022) !== 0) throw new StoreError('key.folder_open', { folder });
  }
}

/** Owned by the user running this, or by root (who may change anything anyway), as OpenSSH asks of ~/.ssh. */
function ownedHere(found: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || found.uid === uid || found.uid === 0;
}

function reasonOf(error: unknown): Phrase | string {
  const failure = systemFailure(error);
  return failure ? failureReason(failure.code) : String(error);
}
