// `safety-scan indicators`: weighted indicators per district and for the whole area, for one wave.
import type { Command } from 'commander';
import type { CommandModule } from '../command.js';
import { estimateOptions, examples } from '../command.js';

export const indicatorsCommand: CommandModule = {
  name: 'indicators',
  define(command: Command, t) {
    estimateOptions(command.description(t('help.indicators')).option('--wave <wave>', t('help.opt_wave')), t)
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan indicators', t('help.ex_indicators')],
          ['safety-scan indicators --wave 2023 --indicator unsafe_often', t('help.ex_indicators_one')],
          ['safety-scan indicators --district Oudegem --format md > oudegem.md', t('help.ex_indicators_md')],
          ['safety-scan indicators --json > indicators-2026.json', t('help.ex_indicators_json')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { runIndicators } = await import('../indicators-run.js');
    return runIndicators(context, options);
  },
};
