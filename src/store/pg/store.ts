// A PostgreSQL store, open: one connection, its schema brought up to date on opening (src/store/pg/migrate.ts),
// transactions, and failures as store errors naming the store without its password.
import type pg from 'pg';
import { SafetyScanError } from '../../errors.js';
import { connect } from './connect.js';
import { pgFailure, type Login } from './failure.js';
import { migrate } from './migrate.js';
import { redactUrl } from './url.js';

export class PgStore {
  private constructor(
    readonly client: pg.Client,
    private readonly login: Login,
  ) {}

  /** Connects and creates or upgrades the schema (which only the store's owner may do). */
  static async open(url: string): Promise<PgStore> {
    const { client, login } = await connect(url);
    const store = new PgStore(client, login);
    try {
      await migrate(store);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

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

  async meta(key: string): Promise<string | undefined> {
    try {
      const { rows } = await this.client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0]?.value;
    } catch (error) {
      throw this.failure(error);
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
