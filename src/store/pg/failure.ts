// PostgreSQL failures as store errors the user can act on (exit 5): the server out of reach, a refused login,
// a missing database, a missing right. The store is always named by its URL without the password.
import { StoreError } from '../../errors.js';
import { phrase, type Phrase } from '../../i18n/index.js';
import { redactUrl } from './url.js';

export const CONNECT_TIMEOUT_S = 10;

/** Who the failure happened to: the store's URL as given, and the user and database the driver used. */
export interface Login {
  url: string;
  user: string;
  database: string;
  password?: string;
}

/** A network or server failure's code: Node's (ECONNREFUSED), or PostgreSQL's SQLSTATE (28P01). */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused host name with several addresses as one AggregateError of the attempts
  const first = (error as { errors?: unknown[] }).errors?.[0];
  return first === undefined ? '' : codeOf(first);
}

const UNREACHABLE: Record<string, Phrase> = {
  ECONNREFUSED: phrase('store.pg_reason_refused'),
  ENOTFOUND: phrase('store.pg_reason_unknown_host'),
  EAI_AGAIN: phrase('store.pg_reason_unknown_host'),
  ETIMEDOUT: phrase('store.pg_reason_timeout', { seconds: CONNECT_TIMEOUT_S }),
  EHOSTUNREACH: phrase('store.pg_reason_refused'),
  ENETUNREACH: phrase('store.pg_reason_refused'),
  ENOENT: phrase('store.pg_reason_no_socket'),
  ECONNRESET: phrase('store.pg_reason_closed'),
  EPIPE: phrase('store.pg_reason_closed'),
  '57P01': phrase('store.pg_reason_closed'),
};

/** The driver's own words for failures that carry no code. */
function reasonFromMessage(text: string): Phrase | null {
  if (/timeout/i.test(text)) return phrase('store.pg_reason_timeout', { seconds: CONNECT_TIMEOUT_S });
  // a connection the server ended between two statements: the driver refuses the next one
  if (/Connection terminated|not queryable/i.test(text)) return phrase('store.pg_reason_closed');
  return null;
}

/** The failure's own text, never with the password in it. */
export function scrubbed(text: string, password: string | undefined): string {
  return password ? text.split(password).join('***') : text;
}

function isLoginFailure(code: string, text: string): boolean {
  return code === '28P01' || code === '28000' || /\b(?:SASL|SCRAM)\b|password/i.test(text);
}

export function pgFailure(login: Login, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const store = redactUrl(login.url);
  const code = codeOf(error);
  const text = scrubbed(error instanceof Error ? error.message : String(error), login.password);
  const cause = { cause: error };
  const unreachable = UNREACHABLE[code] ?? reasonFromMessage(text);
  if (unreachable) return new StoreError('store.pg_unreachable', { store, reason: unreachable }, cause);
  if (isLoginFailure(code, text)) return new StoreError('store.pg_login_failed', { store, user: login.user }, cause);
  if (code === '3D000') return new StoreError('store.pg_no_database', { store, database: login.database }, cause);
  if (code === '42501') return new StoreError('store.pg_denied', { store, user: login.user, reason: text }, cause);
  if (code === '55P03' || code === '40P01') return new StoreError('store.locked', { store }, cause);
  if (code === '53100') return new StoreError('store.disk_full', { store }, cause);
  // a table or column of the schema gone: the store is damaged, as a SQLite store missing one is (adversarial run r9, F3)
  const table = code === '42P01' ? /relation "(?:\w+\.)?(\w+)" does not exist/.exec(text) : null;
  if (table) return new StoreError('store.damaged_no_table', { store, table: table[1] }, cause);
  const column = code === '42703' ? /column "?((?:\w+\.)?\w+)"? (?:of relation "\w+" )?does not exist/.exec(text) : null;
  if (column) return new StoreError('store.damaged_no_column', { store, column: column[1] }, cause);
  return new StoreError('store.failed', { store, reason: text }, cause);
}
