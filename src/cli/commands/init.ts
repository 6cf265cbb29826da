// `safety-scan init [dir]`: writes a commented configuration to start from.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { configTemplate } from '../../config/template.js';
import { withFolder, writeFileAtomically } from '../../output-file.js';
import { defineCommand, examples, nonEmpty, type OptionsOf } from '../command.js';
import type { Context } from '../context.js';
import { outputPath } from '../output-path.js';

function define(t: Translate) {
  return new Command('init')
    .description(t('help.init'))
    .argument('[dir]', t('help.init_dir'), nonEmpty, '.')
    .option('--force', t('help.opt_force'))
    .addHelpText('after', examples(t, [['safety-scan init', t('help.ex_init')], ['safety-scan init zone-2026', t('help.ex_init_dir')]]));
}

export type InitOptions = OptionsOf<typeof define>;

/**
 * The folder must be a real folder (created when missing); an existing `safety-scan.yaml`, even a link that
 * points nowhere, is kept unless --force, which replaces it (a link is replaced, never written through; a link
 * where --out names a report or a table is refused instead).
 */
export async function runInit(context: Context, dir: string, options: InitOptions): Promise<number> {
  const target = outputPath(context, dir);
  const file = join(target, 'safety-scan.yaml');
  withFolder(target, () => {
    if (lstatSync(file, { throwIfNoEntry: false }) && !options.force) throw new UsageError('usage.config_exists', { file });
    writeFileAtomically(file, configTemplate(context.t), 0o666, options.force === true);
  });
  context.log.info(context.t('init.done', { file }));
  return 0;
}

/** `init` never reads the configuration it may be about to replace, so a broken one never stops `init --force`. */
export const initCommand = defineCommand({ name: 'init', settings: 'defaults', define, run: (context, [dir], options) => runInit(context, dir, options) });
