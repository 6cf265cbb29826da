// How an error reads on stderr: one clear line in the user's language, a hint where we have one.
import { FailedCheck, SafetyScanError } from '../errors.js';
import type { Translate } from '../i18n/index.js';

export function renderError(error: unknown, t: Translate, verbose: boolean): string {
  if (error instanceof SafetyScanError) {
    const prefix = error instanceof FailedCheck ? t('cli.failed_prefix') : t('cli.error_prefix');
    let text = `${prefix} ${t(error.key, error.params)}\n`;
    if (error.hint) text += `${t('cli.hint_prefix')} ${t(error.hint.key, error.hint.params)}\n`;
    return text;
  }
  const message = error instanceof Error ? error.message : String(error);
  let text = `${t('cli.error_prefix')} ${t('error.internal', { message })}\n`;
  if (verbose && error instanceof Error && error.stack) text += `${error.stack}\n`;
  else text += `${t('error.internal_hint')}\n`;
  return text;
}
