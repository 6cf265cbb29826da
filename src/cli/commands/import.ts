// `safety-scan import`: read, map, validate and store exports, one transaction per file.
import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { KINDS, type Kind } from '../../ingest/kinds/kind.js';
import { defineCommand, examples, nonEmpty, operands, type OptionsOf } from '../command.js';
import type { Context } from '../context.js';
import { waveOption } from '../resolve.js';

function define(t: Translate) {
  return new Command('import')
    .description(t('help.import'))
    .argument('<file...>', t('help.import_files'), operands)
    .addOption(new Option('--kind <kind>', t('help.opt_kind')).choices(KINDS))
    .option('--wave <wave>', t('help.opt_wave_import'))
    .option('--mapping <file>', t('help.opt_mapping'), nonEmpty)
    .option('--preset <name>', t('help.opt_preset'))
    .option('--lss <file>', t('help.opt_lss'), nonEmpty)
    .option('--strict', t('help.opt_strict'))
    .option('--max-rejects <limit>', t('help.opt_max_rejects'))
    .option('--dry-run', t('help.opt_dry_run'))
    .option('--replace', t('help.opt_replace'))
    .option('--encoding <encoding>', t('help.opt_encoding'), nonEmpty)
    .option('--delimiter <char>', t('help.opt_delimiter'))
    .option('--sheet <name>', t('help.opt_sheet'), nonEmpty)
    .option('--json', t('help.opt_json_import'))
    // the command line is checked before the configuration is read: a bad option value is exit 2, whatever the folder's safety-scan.yaml holds
    .hook('preAction', (command) => checkCommandLine(command.opts(), t))
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan import --kind population population.csv', t('help.ex_import_population')],
        ['safety-scan import --kind survey survey-2026.csv', t('help.ex_import_survey')],
        ['safety-scan import --kind survey --preset limesurvey --wave 2026 results.csv', t('help.ex_import_limesurvey')],
        ['safety-scan import --kind monitor --mapping monitor.yaml monitor.csv', t('help.ex_import_monitor')],
        ['safety-scan import --kind signals signals.csv', t('help.ex_import_signals')],
        ['safety-scan import --kind survey --sheet 2 --wave 2026 survey.xlsx', t('help.ex_import_xlsx')],
        ['safety-scan import --kind survey --max-rejects 2% survey-2026.csv', t('help.ex_import_max_rejects')],
        ['safety-scan import --kind survey --dry-run --verbose survey.csv', t('help.ex_import_dry_run')],
      ]),
    );
}

export type ImportCommandOptions = OptionsOf<typeof define>;

/** Option values that need no file or store: --kind given, --wave a year, --delimiter one the reader knows, --preset and --lss for the kind. */
async function checkCommandLine(options: { kind?: Kind; wave?: string; delimiter?: string; preset?: string; lss?: string }, t: Translate): Promise<void> {
  // --kind is required; checked here, after commander has reported any unknown option, so `--knd` reads as a typo.
  if (options.kind === undefined) throw new UsageError('usage.missing_option', { option: `--kind <${t('help.metavar_kind')}>` });
  waveOption(options.wave);
  if (options.delimiter !== undefined) (await import('../../ingest/read.js')).parseDelimiterOption(options.delimiter);
  if (options.preset !== undefined) (await import('../../ingest/kinds/index.js')).presetMapping(options.kind, options.preset);
  (await import('../../ingest/mapping-load.js')).checkStructureKind(options.kind, options.lss);
}

export async function runImportCommand(context: Context, files: string[], options: ImportCommandOptions): Promise<number> {
  if (options.kind === undefined) throw new UsageError('usage.missing_option', { option: `--kind <${context.t('help.metavar_kind')}>` });
  const { runImport } = await import('../import-run.js');
  return runImport(context, files, { ...options, kind: options.kind, wave: waveOption(options.wave) });
}

export const importCommand = defineCommand({ name: 'import', define, run: (context, [files], options) => runImportCommand(context, files, options) });
