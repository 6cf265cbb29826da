// A copy of a test's base store with one change made by SQL: how the damaged-store tests make their cases.
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Workdir } from './cli.js';

/** `<name>.db` in `dir`: a copy of `base.db` there, changed by `sql`; returns its path. */
export function damagedCopy(dir: Workdir, name: string, sql: string): string {
  const store = dir.path(`${name}.db`);
  copyFileSync(dir.path('base.db'), store);
  const db = new Database(store);
  db.exec(sql);
  db.close();
  return store;
}
