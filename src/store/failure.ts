// SQLite failures as store errors with a message the user can act on (no SQLite needed to load this).
import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.js';

export function sqliteCode(error: unknown): string {
  return (error as { code?: string }).code ?? '';
}

/** True when the file system holding the store has no free block left for this user. */
function diskFull(path: string): boolean {
  try {
    return statfsSync(dirname(resolve(path))).bavail === 0;
  } catch {
    return false;
  }
}

/** Maps a SQLite failure to a store error with a message the user can act on. */
export function storeFailure(path: string, error: unknown): StoreError {
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('store.locked', { store: path });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreError('store.not_a_store', { store: path });
  // SQLite says "disk I/O error" when even its 32 KB -shm file cannot be made: on a full disk, say so
  if (code === 'SQLITE_FULL' || ((code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') && diskFull(path))) return new StoreError('store.disk_full', { store: path });
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_IOERR')) {
    return new StoreError('store.cannot_write', { store: path, reason: code });
  }
  return new StoreError('store.failed', { store: path, reason: error instanceof Error ? error.message : String(error) });
}


/** A value no version of safety-scan writes: the store was changed or damaged outside it (exit 5, never a crash). */
export function damagedStore(store: string, where: string, cause?: unknown): StoreError {
  return new StoreError('store.damaged', { store, where }, { cause });
}

function storedJson(store: string, where: string, text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch (error) {
    throw damagedStore(store, where, error);
  }
}

/** A stored JSON list of names (waves, districts, items). */
export function storedNames(store: string, where: string, text: unknown): string[] {
  const value = storedJson(store, where, text);
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string')) throw damagedStore(store, where);
  return value;
}

/** A stored JSON object (a batch's details). */
export function storedObject(store: string, where: string, text: unknown): Record<string, unknown> {
  const value = storedJson(store, where, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damagedStore(store, where);
  return value as Record<string, unknown>;
}
