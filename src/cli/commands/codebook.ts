// `safety-scan codebook`: what the indicators, items and themes are, from the configuration (no store needed).
import { Command } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import { CODEBOOK_FORMATS } from '../../render/formats.js';
import { chosenFormat, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import { renderView, type Context } from '../context.js';

function define(t: Translate) {
  return new Command('codebook')
    .description(t('help.codebook'))
    .addOption(formatOption(t, CODEBOOK_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan codebook', t('help.ex_codebook')],
        ['safety-scan --lang nl codebook --format md > codeboek.md', t('help.ex_codebook_md')],
      ]),
    );
}

export type CodebookOptions = OptionsOf<typeof define>;

export async function runCodebook(context: Context, options: CodebookOptions): Promise<number> {
  const { CODEBOOK_RENDERERS } = await import('../../render/codebook.js');
  context.out(CODEBOOK_RENDERERS[chosenFormat(options)](context.settings.codebook, renderView(context)));
  return 0;
}

export const codebookCommand = defineCommand({ name: 'codebook', define, run: (context, _args, options) => runCodebook(context, options) });
