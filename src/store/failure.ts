// SQLite failures as store errors with a message the user can act on (no SQLite needed to load this).
import { StoreError } from '../errors.js';

export function sqliteCode(error: unknown): string {
  return (error as { code?: string }).code ?? '';
}

/** Maps a SQLite failure to a store error with a message the user can act on. */
export function storeFailure(path: string, error: unknown): StoreError {
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('store.locked', { store: path });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreError('store.not_a_store', { store: path });
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR') {
    return new StoreError('store.cannot_write', { store: path, reason: code });
  }
  if (code === 'SQLITE_FULL') return new StoreError('store.disk_full', { store: path });
  return new StoreError('store.failed', { store: path, reason: error instanceof Error ? error.message : String(error) });
}

