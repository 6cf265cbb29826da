// A PostgreSQL store's URL as messages show it (never with its password), and as a zone's analysts get it.

/**
 * The URL (or a text holding one) with its password replaced by `***`: everything after the first `:` of the user part (up to the last
 * `@` before the query, as URL parsers read it, and even when the password holds a bare `/`), and any
 * `password=` parameter.
 */
export function redactUrl(url: string): string {
  // a single slash too: a URL taken for a file path has lost one (/folder/postgres:/owner:secret@host/db)
  const scheme = /postgres(?:ql)?:\/\/?/i.exec(url);
  if (!scheme) return url;
  const start = scheme.index + scheme[0].length;
  const query = url.slice(start).search(/[?#]/);
  const end = query < 0 ? url.length : start + query;
  const at = url.lastIndexOf('@', end - 1);
  let redacted = url;
  if (at >= start) {
    const colon = url.indexOf(':', start);
    if (colon >= 0 && colon < at) redacted = `${url.slice(0, colon + 1)}***${url.slice(at)}`;
  }
  return redacted.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** The same server, database and parameters, logged in as another user with its password (both encoded for a URL). */
export function withLogin(url: string, user: string, password: string): string {
  const scheme = url.indexOf('://');
  const start = scheme + 3;
  const query = url.slice(start).search(/[?#]/);
  const end = query < 0 ? url.length : start + query;
  const at = url.lastIndexOf('@', end - 1);
  const rest = at >= start ? url.slice(at + 1) : url.slice(start);
  const parameters = rest.replace(/([?&])(?:user|password)=[^&#]*&?/gi, '$1').replace(/[?&]$/, '');
  return `${url.slice(0, start)}${encodeURIComponent(user)}:${encodeURIComponent(password)}@${parameters}`;
}
