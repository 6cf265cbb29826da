// `safety-scan validate FILE...`: configuration, goals and mapping files checked before a run needs them, with
// every problem listed (exit 4 when there is one), no store needed.
import { Command, Option } from '@commander-js/extra-typings';
import { relative } from 'node:path';
import { EXIT } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { VALIDATE_FORMATS } from '../../render/formats.js';
import { chosenFormat, defineCommand, examples, formatOption, operands, type OptionsOf } from '../command.js';
import { renderView, type Context } from '../context.js';

const KINDS = ['config', 'goals', 'mapping'] as const;

function define(t: Translate) {
  return new Command('validate')
    .description(t('help.validate'))
    .argument('<file...>', t('help.arg_validate_files'), operands)
    .addOption(new Option('--as <kind>', t('help.opt_validate_as')).choices(KINDS))
    .addOption(formatOption(t, VALIDATE_FORMATS))
    .option('--json', t('help.opt_json'))
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan validate safety-scan.yaml goals.yaml', t('help.ex_validate')],
        ['safety-scan validate --as mapping export.yaml', t('help.ex_validate_as')],
        ['safety-scan validate --json *.yaml', t('help.ex_validate_json')],
      ]),
    );
}

export type ValidateOptions = OptionsOf<typeof define>;

export async function runValidate(context: Context, files: string[], options: ValidateOptions): Promise<number> {
  const { validateFiles } = await import('../../config/validate.js');
  const { VALIDATE_RENDERERS } = await import('../../render/validate.js');
  const runConfig = context.configFile === null ? null : { file: relative(context.cwd, context.configFile) || context.configFile, path: context.configFile };
  const checks = validateFiles(
    files.map((file) => ({ file, path: context.path(file) })),
    { as: options.as, runConfig },
  );
  context.out(VALIDATE_RENDERERS[chosenFormat(options)](checks, renderView(context)));
  return checks.every((check) => check.problems.length === 0) ? EXIT.ok : EXIT.config;
}

export const validateCommand = defineCommand({
  name: 'validate',
  // Its own files are what it checks: a configuration with problems must not stop it before it starts.
  settings: 'defaults',
  define,
  run: (context, [files], options) => runValidate(context, files, options),
});
