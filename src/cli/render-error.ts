// How an error reads on stderr: one clear line in the user's language, `file:line:column:` first where the
// problem has a place, and a hint where we have one.
import { FailedCheck, SafetyScanError, UsageError, locationPrefix } from '../errors.js';
import type { Message, Translate } from '../i18n/index.js';
import { looksLikeIdentifier, personalTypedValue, WITHHELD } from '../ingest/privacy.js';
import { isPostgresUrl } from '../store/engine.js';

/**
 * A usage error's message with every value that is an identifier (an e-mail address, a phone number, an IBAN typed
 * as `--wave`, `--indicator`, `--lang` or another option's value), a person's name or an address (`typedValue`)
 * written as WITHHELD: the value was echoed as typed into a nightly job's log (adversarial run r33, minor);
 * `--district` and `forget` withheld theirs already.
 */
function withheldValues(detail: Message): Message {
  const params = Object.fromEntries(Object.entries(detail.params).map(([name, value]) => [name, typeof value === 'string' ? typedValue(value) : value]));
  return { key: detail.key, params };
}

/**
 * A value typed on the command line as a message shows it: WITHHELD when it is an identifier or, by the judge a
 * district's name has (`personalTypedValue`), a person's name or an address (`Mevr. Dubois`, `Kerkstraat 12`:
 * adversarial run r35, F4, as `--district` withheld them already); a store's URL is shown redacted already.
 */
export function typedValue(value: string): string {
  return !isPostgresUrl(value) && (looksLikeIdentifier(value) || personalTypedValue(value)) ? WITHHELD : value;
}

export function renderError(error: unknown, t: Translate, verbose: boolean): string {
  if (error instanceof SafetyScanError) {
    const prefix = error instanceof FailedCheck ? t('cli.failed_prefix') : t('cli.error_prefix');
    const detail = error instanceof UsageError ? withheldValues(error.detail) : error.detail;
    let text = `${prefix} ${locationPrefix(error.location)}${t.message(detail)}\n`;
    if (error.hint) text += `${t('cli.hint_prefix')} ${t.message(error.hint)}\n`;
    if (verbose && error.cause !== undefined) text += `${causeText(error.cause)}\n`;
    return text;
  }
  const message = error instanceof Error ? error.message : String(error);
  let text = `${t('cli.error_prefix')} ${t('error.internal', { message })}\n`;
  if (verbose && error instanceof Error && error.stack) text += `${error.stack}\n`;
  else text += `${t('error.internal_hint')}\n`;
  return text;
}

/** The underlying failure, for --verbose: its stack where it has one. */
function causeText(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}
