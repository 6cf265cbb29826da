// Opening a PostgreSQL store: a `postgres://` or `postgresql://` URL connected with the `pg` driver and its
// schema brought up to date; every failure a store error (exit 5) that names the store without its password.
import pg from 'pg';
import { UsageError, failureReason, systemFailure } from '../../errors.js';
import { phrase, type Phrase } from '../../i18n/index.js';
import { CONNECT_TIMEOUT_S, pgFailure, scrubbed, type Login } from './failure.js';
import { migrate } from './migrate.js';
import { PgStore } from './store.js';
import { redactUrl } from './url.js';

/** The sslmode values the driver reads as `verify-full` (the certificate and the host name checked), warning each time. */
const VERIFYING_ALIASES = new Set(['prefer', 'require', 'verify-ca']);

/**
 * The URL with `sslmode=prefer|require|verify-ca` written as the `verify-full` the driver makes of them anyway, so
 * that no run prints its multi-line SECURITY WARNING (README, Running it: TLS). A URL that cannot be read is left
 * for the driver to refuse.
 */
function driverUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const mode = parsed.searchParams.get('sslmode');
    if (mode === null || !VERIFYING_ALIASES.has(mode)) return url;
    parsed.searchParams.set('sslmode', 'verify-full');
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A client for the URL, constructed (the URL read) but not connected; an unreadable URL is a usage error. */
function clientFor(url: string): pg.Client {
  try {
    return new pg.Client({ connectionString: driverUrl(url), connectionTimeoutMillis: CONNECT_TIMEOUT_S * 1000, application_name: 'safety-scan' });
  } catch (error) {
    throw new UsageError('store.pg_bad_url', { store: redactUrl(url), reason: badUrlReason(error, url) });
  }
}

/**
 * Why the driver could not read the URL, in the reader's language: not a URL at all (a port out of range, a
 * bracket left open), a `%` code that stands for no character, or a certificate or key file it names that
 * cannot be opened. Anything else in the driver's words only, without the URL: its error may carry the URL,
 * password and all.
 */
function badUrlReason(error: unknown, url: string): Phrase | string {
  const failure = systemFailure(error);
  if (failure) return phrase('store.pg_url_file', { file: failure.path ?? '', reason: failureReason(failure.code) });
  if (error instanceof TypeError && 'code' in error && error.code === 'ERR_INVALID_URL') return phrase('store.pg_url_invalid');
  if (error instanceof URIError) return phrase('store.pg_url_escape');
  return scrubbed(error instanceof Error ? error.message : String(error), url);
}

async function connect(url: string): Promise<PgStore> {
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
  return new PgStore(client, login);
}

/** Connects and creates or upgrades the schema (which only the store's owner may do). */
export async function openPgStore(url: string): Promise<PgStore> {
  const store = await connect(url);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
