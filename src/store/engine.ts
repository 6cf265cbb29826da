// Which store a `--store` value names: an embedded SQLite file (the default), or a shared PostgreSQL store
// given as a `postgres://` or `postgresql://` URL (README, Many zones in one PostgreSQL store).
import { resolve } from 'node:path';

export type StoreLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value.trim());
}

/** A URL as given; a file path resolved against the run's working folder. */
export function storeLocation(value: string, cwd: string): StoreLocation {
  return isPostgresUrl(value) ? { engine: 'postgres', url: value.trim() } : { engine: 'sqlite', path: resolve(cwd, value) };
}
