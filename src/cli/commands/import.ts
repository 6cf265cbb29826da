// `safety-scan import`: read, map, validate and store exports, one transaction per file.
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandModule } from '../command.js';
import { examples } from '../command.js';
import type { Context } from '../context.js';

const KIND_CHOICES = ['survey', 'keyfigures', 'monitor', 'population', 'signals'];

export const importCommand: CommandModule = {
  name: 'import',
  define(command: Command, t) {
    command
      .description(t('help.import'))
      .argument('<file...>', t('help.import_files'))
      .addOption(new Option('--kind <kind>', t('help.opt_kind')).choices(KIND_CHOICES).makeOptionMandatory())
      .option('--wave <wave>', t('help.opt_wave_import'))
      .option('--mapping <file>', t('help.opt_mapping'))
      .option('--preset <name>', t('help.opt_preset'))
      .option('--strict', t('help.opt_strict'))
      .option('--dry-run', t('help.opt_dry_run'))
      .option('--replace', t('help.opt_replace'))
      .option('--encoding <encoding>', t('help.opt_encoding'))
      .option('--delimiter <char>', t('help.opt_delimiter'))
      .option('--json', t('help.opt_json_import'))
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan import --kind population population.csv', t('help.ex_import_population')],
          ['safety-scan import --kind survey survey-2026.csv', t('help.ex_import_survey')],
          ['safety-scan import --kind survey --preset limesurvey --wave 2026 results.csv', t('help.ex_import_limesurvey')],
          ['safety-scan import --kind monitor --mapping monitor.yaml monitor.csv', t('help.ex_import_monitor')],
          ['safety-scan import --kind signals signals.csv', t('help.ex_import_signals')],
          ['safety-scan import --kind survey --dry-run --verbose survey.csv', t('help.ex_import_dry_run')],
        ]),
      );
  },
  async run(context: Context, files, options) {
    const { runImport } = await import('../import-run.js');
    return runImport(context, files, options);
  },
};

export function checkWaveOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const wave = String(value).trim();
  if (!/^\d{4}$/.test(wave)) throw new UsageError('usage.bad_wave', { value: wave });
  return wave;
}
