// How an error reads on stderr: one clear line in the user's language, `file:line:column:` first where the
// problem has a place, and a hint where we have one.
import { FailedCheck, SafetyScanError, locationPrefix } from '../errors.js';
import type { Translate } from '../i18n/index.js';

export function renderError(error: unknown, t: Translate, verbose: boolean): string {
  if (error instanceof SafetyScanError) {
    const prefix = error instanceof FailedCheck ? t('cli.failed_prefix') : t('cli.error_prefix');
    let text = `${prefix} ${locationPrefix(error.location)}${t.message(error.detail)}\n`;
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
