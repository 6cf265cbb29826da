// `safety-scan init [dir]`: writes a commented configuration to start from.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandModule } from '../command.js';
import { examples } from '../command.js';
import { configTemplate } from '../../config/template.js';

export const initCommand: CommandModule = {
  name: 'init',
  define(command: Command, t) {
    command
      .description(t('help.init'))
      .argument('[dir]', t('help.init_dir'), '.')
      .option('--force', t('help.opt_force'))
      .addHelpText('after', examples(t, [['safety-scan init', t('help.ex_init')], ['safety-scan init zone-2026', t('help.ex_init_dir')]]));
  },
  async run(context, [dir], options) {
    const target = resolve(context.cwd, dir ?? '.');
    const file = join(target, 'safety-scan.yaml');
    if (existsSync(file) && !options.force) throw new UsageError('usage.config_exists', { file });
    mkdirSync(target, { recursive: true });
    writeFileSync(file, configTemplate(context.t));
    context.log.info(context.t('init.done', { file }));
  },
};
