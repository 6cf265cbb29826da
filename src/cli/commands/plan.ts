// `safety-scan plan`: completes (and invitations) the next survey needs per district and for the zone, for a
// target precision or to detect a change, from the last wave's shares and design effects (docs/methods.md section 11).
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import { ALPHA_RANGE } from '../../config/settings.js';
import { parseNumber } from '../../ingest/values.js';
import type { Translate } from '../../i18n/index.js';
import type { PlanTarget, SurveyPlan } from '../../indicators/survey-plan.js';
import { PLAN_FORMATS } from '../../render/formats.js';
import { chosenFormat, collectDistricts, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import { withEvidence, type Context } from '../context.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';
import { keepDistricts, resolveDistricts, resolveIndicators, waveOption } from '../resolve.js';

function define(t: Translate) {
  const base = new Command('plan')
    .description(t('help.plan'))
    .option('--wave <wave>', t('help.opt_wave_plan'))
    .option('--indicator <id>', t('help.opt_indicator_plan'))
    .option('--district <name>', t('help.opt_district_plan'), collectDistricts)
    .option('--half-width <h>', t('help.opt_half_width'))
    .option('--detect <p1:p2>', t('help.opt_detect'))
    .option('--change <d>', t('help.opt_change'))
    .option('--power <p>', t('help.opt_power'), '0.8')
    .option('--alpha <a>', t('help.opt_alpha'), '0.05')
    .option('--response-rate <r>', t('help.opt_response_rate'))
    .addOption(formatOption(t, [...PLAN_FORMATS, WORKBOOK_FORMAT]))
    .option('--json', t('help.opt_json'));
  return tableOutputOptions(base, t).addHelpText(
    'after',
    examples(t, [
      ['safety-scan plan --half-width 0.05', t('help.ex_plan_half_width')],
      ['safety-scan plan --indicator unsafe_often --half-width 0.04 --response-rate 0.35', t('help.ex_plan_indicator')],
      ['safety-scan plan --indicator police_satisfied --detect 0.55:0.70 --district Drieënhoek', t('help.ex_plan_detect')],
      ['safety-scan plan --indicator unsafe_often --change 0.05 --power 0.9 --format md > plan.md', t('help.ex_plan_change')],
      ['safety-scan plan --half-width 0.05 --response-rate 0.35 --format xlsx --out plan.xlsx', t('help.ex_xlsx')],
      ['safety-scan plan --half-width 0.05 --format csv --excel > plan.csv', t('help.ex_excel_csv')],
    ]),
  );
}

export type PlanOptions = OptionsOf<typeof define>;

/** A number as typed, read as a decimal cell of a file is: a decimal point or a Belgian decimal comma, `1e-5` too. */
function number(value: string): number {
  return parseNumber(value);
}

/** A proportion strictly between 0 and 1 (or up to 1 with `closed`); a percentage gets a hint. */
function share(option: string, value: string, closed = false): number {
  const x = number(value);
  if (x > 0 && (x < 1 || (closed && x === 1))) return x;
  const hint = x > 1 && x <= 100 ? { hint: { key: 'hint.proportion' as const, params: { proportion: String(x / 100), value: String(x) } } } : undefined;
  throw new UsageError('usage.bad_share', { option, value }, hint);
}

/**
 * The ranges a plan gives usable numbers in: a half-width under half a percentage point asks for more
 * completes than any district has residents (1e-9: 10^18), and one above 0.5 says nothing about a share; a
 * response rate under 1% turns a few hundred completes into tens of thousands of invitations and more.
 */
export const PLAN_RANGES = { halfWidth: { min: 0.005, max: 0.5 }, responseRate: { min: 0.01, max: 1 } } as const;

/** A proportion as `share` reads it, within `range` (README, plan). */
function within(option: string, value: string, range: { min: number; max: number }, closed = false): number {
  const x = share(option, value, closed);
  if (x >= range.min && x <= range.max) return x;
  throw new UsageError('usage.plan_range', { option, value, min: String(range.min), max: String(range.max) });
}

/** What to plan for: exactly one of --half-width, --detect and --change. */
function targetOf(options: Pick<PlanOptions, 'halfWidth' | 'detect' | 'change'>): PlanTarget {
  const given = (['halfWidth', 'detect', 'change'] as const).filter((key) => options[key] !== undefined);
  if (given.length === 0) throw new UsageError('usage.plan_target');
  if (given.length > 1) throw new UsageError('usage.plan_targets');
  if (options.halfWidth !== undefined) return { kind: 'half_width', halfWidth: within('--half-width', options.halfWidth, PLAN_RANGES.halfWidth) };
  if (options.change !== undefined) return { kind: 'change', change: share('--change', options.change) };
  const detect = options.detect ?? '';
  const [p1, p2] = detect.split(':').map(number);
  if (detect.split(':').length !== 2 || !(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 === p2) throw new UsageError('usage.bad_detect', { value: detect });
  return { kind: 'detect', p1, p2 };
}

export async function computePlan(context: Context, options: PlanOptions): Promise<SurveyPlan> {
  const target = targetOf(options);
  const power = share('--power', options.power);
  const alpha = within('--alpha', options.alpha, ALPHA_RANGE);
  if (power <= alpha) throw new UsageError('usage.power_below_alpha', { power: options.power, alpha: options.alpha });
  const responseRate = options.responseRate === undefined ? null : within('--response-rate', options.responseRate, PLAN_RANGES.responseRate, true);
  const definitions = options.indicator === undefined ? [] : resolveIndicators(context.settings, [options.indicator]);
  const definition = definitions[0];
  if (definition && definition.type !== 'share') throw new UsageError('usage.plan_share_indicator', { indicator: definition.id });
  const { planSurvey } = await import('../../indicators/survey-plan.js');
  return withEvidence(context, async (evidence) => {
    const wave = await evidence.wave(waveOption(options.wave));
    const estimates = await evidence.estimates(wave, { definitions });
    const districts = options.district && options.district.length > 0 ? resolveDistricts(estimates.districts, options.district, context) : null;
    return planSurvey(keepDistricts(estimates, districts), {
      target,
      indicator: definition?.id ?? null,
      power,
      alpha,
      level: context.settings.estimates.level,
      responseRate,
      districts,
    });
  });
}

export async function runPlan(context: Context, options: PlanOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options);
  const plan = await computePlan(context, options);
  if (format === WORKBOOK_FORMAT) {
    const { planData } = await import('../../render/plan/data.js');
    await emitTables(context, 'plan', options, { tables: [planData(plan, view.t)] });
  } else {
    const { PLAN_RENDERERS } = await import('../../render/plan/render.js');
    await emitTables(context, 'plan', options, { format, text: PLAN_RENDERERS[format](plan, view) });
  }
  return 0;
}

export const planCommand = defineCommand({ name: 'plan', define, run: (context, _args, options) => runPlan(context, options) });
