// `safety-scan check`: goals and expectation risk, with --fail-on for nightly jobs.
import { Option, type Command } from 'commander';
import { EXIT, FailedCheck } from '../../errors.js';
import { indicatorsById } from '../../config/codebook.js';
import type { CommandModule } from '../command.js';
import { chosenFormat, examples } from '../command.js';

export const checkCommand: CommandModule = {
  name: 'check',
  define(command: Command, t) {
    command
      .description(t('help.check'))
      .option('--goals <file>', t('help.opt_goals'))
      .option('--wave <wave>', t('help.opt_wave'))
      .addOption(new Option('--fail-on <level>', t('help.opt_fail_on')).choices(['low', 'medium', 'high']))
      .addOption(new Option('--format <format>', t('help.opt_format')).choices(['table', 'json', 'md']).default('table'))
      .option('--json', t('help.opt_json'))
      .addHelpText(
        'after',
        examples(t, [
          ['safety-scan check', t('help.ex_check')],
          ['safety-scan check --json --fail-on high > check.json', t('help.ex_check_ci')],
          ['safety-scan check --goals plan-2026.yaml --format md', t('help.ex_check_md')],
        ]),
      );
  },
  async run(context, _args, options) {
    const { Store } = await import('../../store/db.js');
    const { checkWave } = await import('../../indicators/engine.js');
    const { findGoalsFile, reachesLevel, runCheck } = await import('../../goals/check.js');
    const render = await import('../../render/check/render.js');
    const goals = findGoalsFile(options.goals as string | undefined, context.settings, context.cwd);
    if (!goals.found) context.log.warn(context.t('check.no_goals_file', { path: goals.path }));
    const result = Store.reading(context.store, (store) =>
      runCheck(store, context.settings, checkWave(store, options.wave as string | undefined), goals.found ? goals.path : null, context.lang),
    );
    const definitions = indicatorsById(context.settings.codebook);
    const format = chosenFormat(options);
    if (format === 'json') context.out(render.checkJson(result, definitions, context.t));
    else if (format === 'md') context.out(render.checkMarkdown(result, definitions, context.t));
    else context.out(render.checkTable(result, definitions, context.t, context.colors));
    const level = options.failOn as 'low' | 'medium' | 'high' | undefined;
    if (level && reachesLevel(result, level)) {
      throw new FailedCheck('check.failed', { level: context.t(`risk.${level}`), risk: context.t(`risk.${result.maxRisk!}`) });
    }
    return EXIT.ok;
  },
};
