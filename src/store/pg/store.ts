// A PostgreSQL store, open (src/store/pg/connect.ts opens it): one connection, transactions, and failures as
// store errors naming the store without its password.
import type pg from 'pg';
import { SafetyScanError } from '../../errors.js';
import { damagedStore } from '../failure.js';
import { pgFailure, type Login } from './failure.js';
import { redactUrl } from './url.js';

export class PgStore {
  constructor(
    readonly client: pg.Client,
    private readonly login: Login,
  ) {}

  /** The URL as given: a zone's connection string is made from it (src/store/pg/zones.ts). */
  get url(): string {
    return this.login.url;
  }

  /** The store as messages name it: its URL without the password. */
  get name(): string {
    return redactUrl(this.login.url);
  }

  /** A failure of the server or of a statement as a store error; the tool's own errors pass as they are. */
  failure(error: unknown): SafetyScanError {
    return error instanceof SafetyScanError ? error : pgFailure(this.login, error);
  }

  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    try {
      await this.client.query('BEGIN');
    } catch (error) {
      throw this.failure(error);
    }
    try {
      const result = await work(this.client);
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      // a connection already lost has rolled back on the server: the first failure is the one reported
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw this.failure(error);
    }
  }

  /** A value every store keeps in its meta table (schema_version, store_id, zone_group): missing, the store is damaged. */
  async meta(key: string): Promise<string> {
    let rows: Array<{ value: string }>;
    try {
      rows = (await this.client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows;
    } catch (error) {
      throw this.failure(error);
    }
    if (rows.length === 0) throw damagedStore(this.name, `meta: ${key}`);
    return rows[0].value;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
