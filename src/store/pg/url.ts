// A PostgreSQL store's URL as messages show it (never with its password), and as a zone's analysts get it.
import { looksLikeIdentifier, WITHHELD } from '../../ingest/privacy.js';

/**
 * Where a URL's parts are, as URL parsers read them: the authority begins after the scheme (`postgres://`, or
 * `postgres:/` in a URL taken for a file path, which lost a slash) and ends at the query; the user part ends
 * at the authority's last `@` (-1: none). Null without a PostgreSQL scheme.
 */
function parts(url: string): { start: number; at: number; end: number } | null {
  const scheme = /postgres(?:ql)?:\/\/?/i.exec(url);
  if (!scheme) return null;
  const start = scheme.index + scheme[0].length;
  const query = url.slice(start).search(/[?#]/);
  const end = query < 0 ? url.length : start + query;
  const at = url.lastIndexOf('@', end - 1);
  return { start, at: at >= start ? at : -1, end };
}

/**
 * The URL (or a text holding one) with its password replaced by `***`: everything after the first `:` of the
 * user part (even when the password holds a bare `/`), and any parameter that carries a secret (`password=`,
 * `sslpassword=`, also spelt with percent escapes).
 */
export function redactUrl(url: string): string {
  const scheme = /postgres(?:ql)?:\/{0,2}/i.exec(url);
  let redacted = url;
  // the user part ends at the text's last `@`, not at a `?` or `#` before it: a password with a bare `#` or `?` (which
  // the driver cannot read, so the message that says so showed it: adversarial run r30, B7) is withheld too, as is one
  // after `postgres:` without its slashes; a user name that is an identifier (an e-mail address) is withheld as well
  const start = scheme ? scheme.index + scheme[0].length : -1;
  // an `@` in the query (`application_name=jan@telenet.be`) is no end of the user part when one comes before the
  // query: the host shown was the e-mail's domain (adversarial run r35, F3b)
  const query = start < 0 ? -1 : url.slice(start).search(/[?#]/);
  const beforeQuery = query < 0 ? -1 : url.lastIndexOf('@', start + query - 1);
  const last = url.lastIndexOf('@');
  // nor is one inside a connection setting's value with none before the query, after a database's path
  // (`/db?sslrootcert=/tmp/jan@x.be/ca.crt`): the URL was shown as `postgres://***:***@x.be/ca.crt` (adversarial run
  // r36, B2); a password with a bare `?` (`u:p?a=b@host`, `u:p?sslmode=x@host`) has no path before it, so its `@`
  // still ends the user part
  const inSetting = query >= 0 && last > start + query && url.slice(start, start + query).includes('/') && LIBPQ_SETTING_BEFORE.test(url.slice(start + query + 1, last));
  const at = beforeQuery > start ? beforeQuery : inSetting ? -1 : last;
  if (scheme && at > start) {
    const colon = url.indexOf(':', start);
    const withPassword = colon >= 0 && colon < at;
    const user = url.slice(start, withPassword ? colon : at);
    // a colon written `%3A` in the user part is the driver's password separator all the same (adversarial run r32)
    const decoded = decodedPart(user);
    redacted = `${url.slice(0, start)}${looksLikeIdentifier(decoded) || decoded.includes(':') ? WITHHELD : user}${withPassword ? ':***' : ''}${url.slice(at)}`;
  }
  redacted = redacted.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, separator: string, name: string, value: string) => (shownParameter(name, value) ? whole : `${separator}${name}=***`));
  return redacted.replace(KEYWORD_SECRET, (_whole, before: string, name: string) => `${before}${name}=***`);
}

/**
 * A secret in libpq's keyword/value form (`host=db port=5432 password=s3cret`, also written after the scheme,
 * `postgres://host=db password=s3cret`): the keyword at the start, after a space or the scheme's slash, its
 * value up to the next space, or quoted with single quotes (`password='s3 cret'`, `\'` inside) (r24b F5).
 */
const KEYWORD_SECRET = /(^|[\s/])((?:ssl)?password)\s*=\s*(?:'(?:\\.|[^'\\])*'?|\S*)/gi;

/** A URL's part percent-decoded, or as written when it is not well encoded. */
function decodedPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The query parameters whose value a message may show: libpq's settings of the connection itself (where, how,
 * how long). Any other parameter's value is withheld: the password's, and whatever else a URL may carry (`pass=`,
 * `token=`, `apikey=`, an `application_name` that is a phone number or a person's name: adversarial run r35, F3).
 */
const SHOWN_PARAMETERS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'options', 'sslmode', 'sslnegotiation', 'sslcert', 'sslkey', 'sslrootcert', 'sslcrl',
  'connect_timeout', 'target_session_attrs', 'load_balance_hosts', 'gssencmode', 'channel_binding', 'keepalives', 'keepalives_idle',
  'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'client_encoding', 'replication',
]);

/**
 * True for a query parameter whose value a message may show (SHOWN_PARAMETERS): not one that is an identifier (a
 * user that is an e-mail address), nor server settings (`options=-c password=...`, percent-encoded) that name a
 * password (adversarial run r31, B2 low).
 */
function shownParameter(name: string, value: string): boolean {
  const parameter = parameterName(name);
  if (!SHOWN_PARAMETERS.has(parameter)) return false;
  const decoded = decodedPart(value.replace(/\+/g, ' '));
  return !looksLikeIdentifier(decoded) && !(parameter === 'options' && /password/i.test(decoded));
}

/** A libpq setting (SHOWN_PARAMETERS, or one whose value is withheld) as the name of the text's last parameter before an `@`. */
const LIBPQ_SETTING_BEFORE = new RegExp(
  `(?:^|&)(?:${[...SHOWN_PARAMETERS, 'password', 'sslpassword', 'passfile', 'application_name', 'fallback_application_name', 'service', 'krbsrvname', 'sslsni', 'requirepeer'].join('|')})=[^&]*$`,
  'i',
);

/** A query parameter's name as the driver reads it: percent-decoded (`%70assword` is `password`), any case. */
function parameterName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The same server, database and parameters, logged in as another user with its password (both encoded for a URL). */
export function withLogin(url: string, user: string, password: string): string {
  const found = parts(url);
  if (!found) return url;
  const { start, at, end } = found;
  const place = url.slice(at >= 0 ? at + 1 : start, end) + withoutLogin(url.slice(end));
  return `${url.slice(0, start)}${encodeURIComponent(user)}:${encodeURIComponent(password)}@${place}`;
}

/** The query without a `user=` or `password=` of its own, however spelt (the new login replaces them). */
function withoutLogin(query: string): string {
  if (!query.startsWith('?')) return query;
  const parameters = query.slice(1).split('&').filter((parameter) => !['user', 'password'].includes(parameterName(parameter.split('=')[0] ?? '')));
  return parameters.length > 0 ? `?${parameters.join('&')}` : '';
}
