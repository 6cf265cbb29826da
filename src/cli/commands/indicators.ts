// `safety-scan indicators`: weighted indicators per district and for the whole area, for one wave.
import { Option, type Command } from 'commander';
import type { CommandModule } from '../command.js';
import { FORMATS, chosenFormat, examples } from '../command.js';

/** Repeatable and comma-separated: --indicator a,b --indicator c. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((part) => part.trim()).filter(Boolean)];
}

export const indicatorsCommand: CommandModule = {
  name: 'indicators',
  define(command: Command, t) {
    command
      .description(t('help.indicators'))
      .option('--wave <wave>', t('help.opt_wave'))
      .option('--district <name>', t('help.opt_district'), collectList)
      .option('--indicator <id>', t('help.opt_indicator'), collectList)
      .addOption(new Option('--format <format>', t('help.opt_format')).choices([...FORMATS]).default('table'))
      .option('--json', t('help.opt_json'))
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
