// `safety-scan plan`: completes (and invitations) the next survey needs per district and for the zone, for a
// target precision or to detect a change, from the last wave's shares and design effects (docs/methods.md section 11).
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import { ALPHA_RANGE } from '../../config/settings.js';
import { parseNumber } from '../../ingest/values.js';
import { message, phrase, type Phrase, type Translate } from '../../i18n/index.js';
import type { PlanTarget, SurveyPlan } from '../../indicators/survey-plan.js';
import { PLAN_FORMATS } from '../../render/formats.js';
import { chosenFormat, collectDistricts, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import { withEvidence, type Context } from '../context.js';
import { warnLeftOut } from '../left-out.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';
import { keepDistricts, resolveDistricts, resolveIndicators, waveOption } from '../resolve.js';
import { listedDistricts } from '../../districts.js';

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...PLAN_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = new Command('plan')
    .description(t('help.plan'))
    .option('--wave <wave>', t('help.opt_wave_plan'))
    .option('--indicator <id>', t('help.opt_indicator_plan'))
    .option('--district <name>', t('help.opt_district_plan'), collectDistricts)
    .option('--half-width <h>', t('help.opt_half_width'))
    .option('--detect <p1:p2>', t('help.opt_detect'))
    .option('--change <d>', t('help.opt_change'))
    .option('--power <p>', t('help.opt_power'))
    .option('--alpha <a>', t('help.opt_alpha'))
    .option('--response-rate <r>', t('help.opt_response_rate'))
    .addOption(formatOption(t, FORMATS))
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

/**
 * A proportion's range: from `min` to `max`, both included, or (`open`) more than `min` and less than `max`.
 * One definition per option, from which its check and its message both come.
 */
export interface PlanRange {
  readonly min: number;
  readonly max: number;
  readonly open?: true;
}

/**
 * The ranges a plan gives usable numbers in: a half-width under half a percentage point asks for more
 * completes than any district has residents (1e-9: 10^18), and one above 0.5 says nothing about a share; a
 * response rate under 1% turns a few hundred completes into tens of thousands of invitations and more; a
 * power or a change is a proportion strictly between 0 and 1; the significance level as `check.alpha`.
 */
export const PLAN_RANGES = {
  halfWidth: { min: 0.005, max: 0.5 },
  change: { min: 0, max: 1, open: true },
  power: { min: 0, max: 1, open: true },
  alpha: ALPHA_RANGE,
  responseRate: { min: 0.01, max: 1 },
} as const satisfies Record<string, PlanRange>;

/** The defaults of the options that only a change to detect uses (`--detect`, `--change`). */
const TEST_DEFAULTS = { power: '0.8', alpha: '0.05' } as const;

/** The range in words, for the message: "from 0.005 to 0.5", "more than 0 and less than 1". */
function rangePhrase(range: PlanRange): Phrase {
  const bounds = { min: String(range.min), max: String(range.max) };
  return range.open ? phrase('usage.range_open', bounds) : phrase('usage.range_closed', bounds);
}

/**
 * The option's value read as a decimal cell of a file is (a decimal point or a Belgian decimal comma, `1e-5`
 * too), within its range; else one message naming that range, with a hint where a percentage was typed.
 */
function within(option: string, value: string, range: PlanRange): number {
  const x = parseNumber(value);
  if (range.open ? x > range.min && x < range.max : x >= range.min && x <= range.max) return x;
  const hint = x > 1 && x <= 100 && range.max <= 1 ? { hint: message('hint.proportion', { proportion: String(x / 100), value: String(x) }) } : undefined;
  throw new UsageError('usage.plan_range', { option, value, range: rangePhrase(range) }, hint);
}

/** What to plan for: exactly one of --half-width, --detect and --change. */
function targetOf(options: Pick<PlanOptions, 'halfWidth' | 'detect' | 'change'>): PlanTarget {
  const given = (['halfWidth', 'detect', 'change'] as const).filter((key) => options[key] !== undefined);
  if (given.length === 0) throw new UsageError('usage.plan_target');
  if (given.length > 1) throw new UsageError('usage.plan_targets');
  if (options.halfWidth !== undefined) return { kind: 'half_width', halfWidth: within('--half-width', options.halfWidth, PLAN_RANGES.halfWidth) };
  if (options.change !== undefined) return { kind: 'change', change: within('--change', options.change, PLAN_RANGES.change) };
  const detect = options.detect ?? '';
  const [p1, p2] = detect.split(':').map(parseNumber);
  if (detect.split(':').length !== 2 || !(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || p1 === p2) throw new UsageError('usage.bad_detect', { value: detect });
  return { kind: 'detect', p1, p2 };
}

export async function computePlan(context: Context, options: PlanOptions): Promise<SurveyPlan> {
  const target = targetOf(options);
  // a precision takes no test: --power or --alpha beside --half-width would be ignored, so it is refused
  if (target.kind === 'half_width') {
    const unused = options.power !== undefined ? '--power' : options.alpha !== undefined ? '--alpha' : null;
    if (unused !== null) throw new UsageError('usage.plan_test_option', { option: unused });
  }
  const givenPower = options.power ?? TEST_DEFAULTS.power;
  const givenAlpha = options.alpha ?? TEST_DEFAULTS.alpha;
  const power = within('--power', givenPower, PLAN_RANGES.power);
  const alpha = within('--alpha', givenAlpha, PLAN_RANGES.alpha);
  if (power <= alpha) throw new UsageError('usage.power_below_alpha', { power: givenPower, alpha: givenAlpha });
  const responseRate = options.responseRate === undefined ? null : within('--response-rate', options.responseRate, PLAN_RANGES.responseRate);
  const definitions = options.indicator === undefined ? [] : resolveIndicators(context.settings, [options.indicator]);
  const definition = definitions[0];
  if (definition && definition.type !== 'share') throw new UsageError('usage.plan_share_indicator', { indicator: definition.id });
  const { planResidents, planSurvey } = await import('../../indicators/survey-plan.js');
  return withEvidence(context, async (evidence) => {
    const wave = await evidence.wave(waveOption(options.wave));
    const estimates = await evidence.estimates(wave, { definitions });
    const districts = options.district && options.district.length > 0 ? resolveDistricts(estimates.districts, options.district, context) : null;
    const residents = planResidents(await evidence.population(wave));
    return planSurvey(keepDistricts(estimates, districts), {
      target,
      indicator: definition?.id ?? null,
      power,
      alpha,
      level: context.settings.estimates.level,
      responseRate,
      districts,
    }, residents);
  });
}

export async function runPlan(context: Context, options: PlanOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options, FORMATS);
  const plan = await computePlan(context, options);
  // a census would not reach the precision: said once on stderr whatever the format, the rows are flagged too
  const { beyondPopulation } = await import('../../indicators/survey-plan.js');
  const beyond = beyondPopulation(plan);
  await warnLeftOut(context, plan.leftOut);
  if (beyond.length > 0) context.log.warn(context.t('plan.exceeds_population', { districts: listedDistricts(beyond.map((district) => district ?? context.t('plan.zone'))) }));
  if (format === WORKBOOK_FORMAT) {
    const { planData } = await import('../../render/plan/data.js');
    await emitTables(context, 'plan', options, { tables: [planData(plan, view.t)] });
  } else {
    const { PLAN_RENDERERS } = await import('../../render/plan/render.js');
    await emitTables(context, 'plan', options, { format, text: PLAN_RENDERERS[format](plan, view) });
  }
  return 0;
}

export const planCommand = defineCommand({ name: 'plan', define, formatFromOut: true, run: (context, _args, options) => runPlan(context, options) });
