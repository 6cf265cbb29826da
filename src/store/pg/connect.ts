// Connecting to a PostgreSQL store: a `postgres://` or `postgresql://` URL opened with the `pg` driver, every
// failure a store error (exit 5) that names the store without its password.
import pg from 'pg';
import { UsageError } from '../../errors.js';
import { CONNECT_TIMEOUT_S, pgFailure, scrubbed, type Login } from './failure.js';
import { redactUrl } from './url.js';

export interface Connection {
  client: pg.Client;
  login: Login;
}

/** A client for the URL, constructed (the URL read) but not connected; an unreadable URL is a usage error. */
function clientFor(url: string): pg.Client {
  try {
    return new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_S * 1000, application_name: 'safety-scan' });
  } catch (error) {
    // the driver's words only: its error may carry the URL, password and all
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError('store.pg_bad_url', { store: redactUrl(url), reason: scrubbed(reason, url) });
  }
}

export async function connect(url: string): Promise<Connection> {
  const client = clientFor(url);
  const password = typeof client.password === 'string' ? client.password : undefined;
  const login: Login = { url, user: client.user ?? '', database: client.database ?? '', password };
  // A server that goes away between statements is reported by the next statement; unheard, it would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw pgFailure(login, error);
  }
  return { client, login };
}
