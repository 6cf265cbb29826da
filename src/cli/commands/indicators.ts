// `safety-scan indicators`: weighted indicators per district and for the whole area, for one wave, with
// small-area model estimates beside the direct ones when asked for (--model fh, or `small_areas:` in the configuration).
import { Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import type { IndicatorsResult, ModelSkip, SmallAreaModel } from '../../indicators/small-area-model.js';
import { INDICATOR_FORMATS, type IndicatorFormat } from '../../render/formats.js';
import { defineCommand, examples, formatOption, selectionOptions, chosenFormat, type OptionsOf } from '../command.js';
import { renderView, withEvidence, type Context } from '../context.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';
import { onlyDistricts, resolveIndicators, waveOption } from '../resolve.js';

export const MODELS = ['fh', 'none'] as const;

/** The formats that print the weighting sentence, warnings included: the others warn about the population figures on stderr. */
const SENTENCE_FORMATS: readonly string[] = ['table', 'md'];

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...INDICATOR_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = selectionOptions(new Command('indicators').description(t('help.indicators')).option('--wave <wave>', t('help.opt_wave')), t)
    .addOption(new Option('--model <model>', t('help.opt_model')).choices(MODELS))
    .option('--explain', t('help.opt_explain'))
    .addOption(formatOption(t, FORMATS))
    .option('--json', t('help.opt_json'));
  return tableOutputOptions(base, t).addHelpText(
    'after',
    examples(t, [
      ['safety-scan indicators', t('help.ex_indicators')],
      ['safety-scan indicators --wave 2023 --indicator unsafe_often', t('help.ex_indicators_one')],
      ['safety-scan indicators --district Oudegem --format md > oudegem.md', t('help.ex_indicators_md')],
      ['safety-scan indicators --json > indicators-2026.json', t('help.ex_indicators_json')],
      ['safety-scan indicators --model fh --indicator police_satisfied', t('help.ex_indicators_model')],
      ['safety-scan indicators --model fh --explain --indicator police_satisfied', t('help.ex_indicators_explain')],
      ['safety-scan indicators --format xlsx --out indicators.xlsx', t('help.ex_xlsx')],
      ['safety-scan indicators --format csv --excel > indicators.csv', t('help.ex_excel_csv')],
    ]),
  );
}

export type IndicatorsOptions = OptionsOf<typeof define>;

/** The estimates the options ask for: one wave (the latest by default), some indicators and districts, and the model when asked. */
export function computeIndicators(context: Context, options: Pick<IndicatorsOptions, 'wave' | 'indicator' | 'district' | 'model' | 'explain'>): Promise<IndicatorsResult> {
  if (options.explain && options.model === 'none') throw new UsageError('usage.explain_without_model');
  return withEvidence(context, async (evidence) => {
    const wave = await evidence.wave(waveOption(options.wave));
    const definitions = resolveIndicators(context.settings, options.indicator);
    const estimates = onlyDistricts(await evidence.estimates(wave, { definitions }), options.district, context);
    const smallAreas = context.settings.smallAreas;
    // --explain alone asks for the model too: there is nothing to explain without one.
    const model = options.model ?? (smallAreas.configured || options.explain ? 'fh' : 'none');
    if (model === 'none') return { ...estimates, models: null, explain: false };
    const models = new Map<string, SmallAreaModel | ModelSkip>();
    for (const definition of definitions) {
      models.set(definition.id, smallAreas.indicators === null || smallAreas.indicators.includes(definition.id) ? await evidence.smallAreas(wave, definition) : 'not_configured');
    }
    return { ...estimates, models, explain: options.explain === true };
  });
}

export async function renderIndicators(result: IndicatorsResult, format: IndicatorFormat, context: Context, view = renderView(context)): Promise<string> {
  const { INDICATOR_RENDERERS } = await import('../../render/indicators/index.js');
  return INDICATOR_RENDERERS[format](result, view);
}

export async function runIndicators(context: Context, options: IndicatorsOptions): Promise<number> {
  const format = chosenFormat(options);
  // the fit is shown by the table and Markdown, and always in JSON; CSV and a workbook hold the estimates alone
  if (options.explain && (format === 'csv' || format === WORKBOOK_FORMAT)) throw new UsageError('usage.explain_format', { format });
  const view = tableView(context, format, options, FORMATS);
  const result = await computeIndicators(context, options);
  if (!SENTENCE_FORMATS.includes(format)) {
    const { figuresWarnings } = await import('../../render/indicators/labels.js');
    for (const warning of figuresWarnings(result, view.t)) context.log.warn(warning);
  }
  if (format === WORKBOOK_FORMAT) {
    const { indicatorsData } = await import('../../render/indicators/csv.js');
    await emitTables(context, 'indicators', options, { tables: [indicatorsData(result, view.t)] });
  } else await emitTables(context, 'indicators', options, { format, text: await renderIndicators(result, format, context, view) });
  return 0;
}

export const indicatorsCommand = defineCommand({ name: 'indicators', define, formatFromOut: true, run: (context, _args, options) => runIndicators(context, options) });
