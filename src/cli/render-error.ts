// How an error reads on stderr: one clear line in the user's language, `file:line:column:` first where the
// problem has a place, and a hint where we have one.
import { FailedCheck, SafetyScanError, locationPrefix } from '../errors.js';
import type { Message, Translate } from '../i18n/index.js';
import { shownStoreName } from '../store/engine.js';

export function renderError(error: unknown, t: Translate, verbose: boolean): string {
  if (error instanceof SafetyScanError) {
    const prefix = error instanceof FailedCheck ? t('cli.failed_prefix') : t('cli.error_prefix');
    let text = `${prefix} ${locationPrefix(error.location)}${t.message(shownStoreIn(error.detail))}\n`;
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

/**
 * A message with the store's path (`{store}`) shown as every path is (`shownFilePath`: a folder `jan@x.be` as `***`),
 * whoever raised it: `there is no store at .../jan@x.be/...` printed the folder a validate masked (adversarial run
 * r32, B2). A URL is left as raised: it is shown without its password where it is named (`shownStore`).
 */
function shownStoreIn(detail: Message): Message {
  const store = detail.params.store;
  return typeof store === 'string' ? { key: detail.key, params: { ...detail.params, store: shownStoreName(store) } } : detail;
}

/** The underlying failure, for --verbose: its stack where it has one. */
function causeText(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}
