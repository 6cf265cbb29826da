// `safety-scan check`: goals and expectation risk, with --fail-on for nightly jobs.
import { Command, Option } from '@commander-js/extra-typings';
import { FailedCheck } from '../../errors.js';
import type { CheckResult } from '../../goals/check.js';
import type { GoalsFile } from '../../goals/file.js';
import { RISK_LEVELS } from '../../goals/risk.js';
import { phrase, type Translate } from '../../i18n/index.js';
import { CHECK_FORMATS } from '../../render/formats.js';
import { RISK_WORDS } from '../../render/words.js';
import { chosenFormat, defineCommand, examples, formatOption, nonEmpty, type OptionsOf } from '../command.js';
import { warnAreasApart } from '../areas-apart.js';
import { warnLeftOut } from '../left-out.js';
import { withEvidence, type Context } from '../context.js';
import { WORKBOOK_FORMAT, emitTables, outOption, tableView } from '../table-output.js';
import { waveOption } from '../resolve.js';

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...CHECK_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = new Command('check')
    .description(t('help.check'))
    .option('--goals <file>', t('help.opt_goals'), nonEmpty)
    .option('--wave <wave>', t('help.opt_wave'))
    .addOption(new Option('--fail-on <level>', t('help.opt_fail_on')).choices(RISK_LEVELS))
    .addOption(formatOption(t, FORMATS))
    .option('--json', t('help.opt_json'));
  return outOption(base, t)
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan check', t('help.ex_check')],
        ['safety-scan check --json --fail-on high > check.json', t('help.ex_check_ci')],
        ['safety-scan check --goals plan-2026.yaml --format md', t('help.ex_check_md')],
        ['safety-scan check --format xlsx --out check.xlsx', t('help.ex_xlsx')],
      ]),
    );
}

export type CheckOptions = OptionsOf<typeof define>;

/** The goals file of this run (--goals, the configuration's `goals:`, or goals.yaml beside it), read and checked for shape; null without one. */
export async function goalsOfRun(context: Context, flag: string | undefined): Promise<GoalsFile | null> {
  const { findGoalsFile } = await import('../../goals/check.js');
  const { loadGoals } = await import('../../goals/file.js');
  const goals = findGoalsFile(flag === undefined ? undefined : context.path(flag), context.settings, context.cwd);
  if (!goals.found) {
    context.log.warn(context.t('check.no_goals_file', { path: goals.path }));
    return null;
  }
  return loadGoals(goals.path);
}

export async function computeCheck(context: Context, options: Pick<CheckOptions, 'goals' | 'wave'>): Promise<CheckResult> {
  const goals = await goalsOfRun(context, options.goals);
  const { runCheck } = await import('../../goals/check.js');
  const { buildProfiles } = await import('../../profile/profile.js');
  return withEvidence(context, async (evidence) => runCheck(evidence, await buildProfiles(evidence, await evidence.wave(waveOption(options.wave))), goals));
}

export async function runCheckCommand(context: Context, options: CheckOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options, FORMATS);
  const result = await computeCheck(context, options);
  for (const apart of result.areasApart) warnAreasApart(context, apart);
  await warnLeftOut(context, result.leftOut);
  const { checkTables } = await import('../../render/json-tables.js');
  const { CHECK_RENDERERS } = await import('../../render/check/render.js');
  const { reachesLevel } = await import('../../goals/check.js');
  await emitTables(context, 'check', options, format === WORKBOOK_FORMAT ? { tables: checkTables(result, view) } : { format, text: CHECK_RENDERERS[format](result, view) });
  const level = options.failOn;
  if (level && result.maxRisk && reachesLevel(result, level)) {
    throw new FailedCheck('check.failed', { level: phrase(RISK_WORDS[level]), risk: phrase(RISK_WORDS[result.maxRisk]), option: level });
  }
  return 0;
}

export const checkCommand = defineCommand({ name: 'check', define, formatFromOut: true, run: (context, _args, options) => runCheckCommand(context, options) });
