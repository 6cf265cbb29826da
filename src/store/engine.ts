// Which store a `--store` value names: an embedded SQLite file (the default), or a shared PostgreSQL store
// given as a `postgres://` or `postgresql://` URL (README, Many zones in one PostgreSQL store).
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { redactUrl } from './pg/url.js';

export type StoreLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value.trim());
}

/**
 * The scheme of a value written as a URL (`postgress://`, `postgres:user:pw@host`, `jdbc:postgresql://`, `psql://`),
 * lower case, or null: two characters at least, so a Windows drive (`C:\zone.db`) is a path.
 */
export function urlScheme(value: string): string | null {
  return /^([a-z][a-z0-9+.-]{1,30}):/i.exec(value.trim())?.[1].toLowerCase() ?? null;
}

const CONNECTION_KEYWORD = /(?:^|[\s;])(?:host|hostaddr|port|dbname|user|password|sslmode|server|database|uid|pwd|user id|data source|initial catalog)\s{0,20}=/i;

/** Why a store value is neither a PostgreSQL URL nor a file path; the caller words it (`--store`: exit 2, `store:`: exit 4). */
export type UnreadableStore = { scheme: string } | { keywords: true };

/**
 * A store value safety-scan cannot read, or null: a URL of another scheme (a mistyped `postgress://user:password@host/db`
 * made folders named after the login, password included, and stored a SQLite file in them: adversarial run r31, B2;
 * a file whose name holds a colon is `./a:b.db`), or a connection string of keywords instead of a URL (libpq's
 * `host=db user=u password=...`, ADO.NET's `Server=db;Database=d;Password=...`: it made a store file named after the
 * password and printed it in every message, adversarial run r32, B4).
 */
export function unreadableStore(value: string): UnreadableStore | null {
  if (isPostgresUrl(value)) return null;
  const scheme = urlScheme(value);
  if (scheme !== null) return { scheme };
  return CONNECTION_KEYWORD.test(value) ? { keywords: true } : null;
}

/** A URL as given; a file path resolved against the run's working folder; a value `unreadableStore` names refused (exit 2). */
export function storeLocation(value: string, cwd: string): StoreLocation {
  const unreadable = unreadableStore(value);
  if (unreadable) throw 'scheme' in unreadable ? new UsageError('usage.store_not_postgres_url', { scheme: unreadable.scheme }) : new UsageError('usage.store_keywords');
  return isPostgresUrl(value) ? { engine: 'postgres', url: value.trim() } : { engine: 'sqlite', path: resolve(cwd, value) };
}

/** A store value as messages show it: a PostgreSQL URL without its password, another URL by its scheme alone, a path resolved. */
export function shownStore(value: string, cwd: string): string {
  if (isPostgresUrl(value)) return redactUrl(value);
  const scheme = urlScheme(value);
  // a path is shown without what reads as a password too (`host=db password=...` given as a path)
  return scheme !== null ? `${scheme}:***` : redactUrl(resolve(cwd, value));
}

/** The files SQLite keeps beside a store: the write-ahead log and its shared memory (WAL mode), and a rollback journal. */
export function sidecars(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

/** A store file and its sidecars: what no output may ever replace. */
export function storeFiles(path: string): string[] {
  return [path, ...sidecars(path)];
}

/** `path` with its folder's links resolved (the name itself kept), or undefined when the folder is not there. */
function realPlace(path: string): string | undefined {
  try {
    return join(realpathSync(dirname(path)), basename(path));
  } catch {
    return undefined;
  }
}

/**
 * What is at `path`, or undefined when nothing is: missing, a path through a file (ENOTDIR) or a name longer
 * than a file system takes (ENAMETOOLONG), which name nothing either; the writer then refuses such a name as
 * it refuses every place it cannot write (exit 2).
 */
function statIfThere(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOTDIR' || code === 'ENAMETOOLONG') return undefined;
    throw error;
  }
}

/**
 * The store file (or sidecar) that `path` names, however it is written: relative or absolute, through `./`, a
 * link to the store's folder or file, or a hard link (the same device and inode); undefined when it names none.
 * SQLite keeps the sidecars beside the store's real file, so those beside the file a linked store points to count too.
 */
export function storeFileAt(path: string, store: string): string | undefined {
  const names = [resolve(store), realPlace(store), statIfThere(store) ? realpathSync(store) : undefined];
  const files = names.flatMap((name) => (name === undefined ? [] : storeFiles(name)));
  const places = [resolve(path), realPlace(path)];
  const target = statIfThere(path);
  for (const file of files) {
    if (places.includes(file)) return file;
    const found = target && statIfThere(file);
    if (found && target && found.dev === target.dev && found.ino === target.ino) return file;
  }
  return undefined;
}
