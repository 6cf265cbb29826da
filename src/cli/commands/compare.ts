// `safety-scan compare --from w1 --to w2`: change between waves per district, with tests.
import { Command } from '@commander-js/extra-typings';
import type { WaveComparison } from '../../compare/waves.js';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { COMPARE_FORMATS } from '../../render/formats.js';
import { chosenFormat, defineCommand, examples, formatOption, selectionOptions, type OptionsOf } from '../command.js';
import { withEvidence, type Context } from '../context.js';
import { warnLeftOut } from '../left-out.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';
import { countOption, resolveDistricts, resolveIndicators, waveOption } from '../resolve.js';
import { warnAreasApart } from '../areas-apart.js';

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...COMPARE_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = selectionOptions(new Command('compare').description(t('help.compare')).option('--from <wave>', t('help.opt_from')).option('--to <wave>', t('help.opt_to')), t)
    .option('--only-significant', t('help.opt_only_significant'))
    .option('--top <n>', t('help.opt_top'))
    .addOption(formatOption(t, FORMATS))
    .option('--json', t('help.opt_json'));
  return tableOutputOptions(base, t)
    .addHelpText(
      'after',
      examples(t, [
        ['safety-scan compare --from 2023 --to 2026', t('help.ex_compare')],
        ['safety-scan compare --from 2023 --to 2026 --indicator unsafe_often', t('help.ex_compare_md')],
        ['safety-scan compare --from 2023 --to 2026 --only-significant --top 10', t('help.ex_compare_top')],
        ['safety-scan compare --from 2023 --to 2026 --json > change.json', t('help.ex_compare_json')],
        ['safety-scan compare --from 2023 --to 2026 --format xlsx --out change.xlsx', t('help.ex_xlsx')],
        ['safety-scan compare --from 2023 --to 2026 --format csv --excel > change.csv', t('help.ex_excel_csv')],
      ]),
    );
}

export type CompareOptions = OptionsOf<typeof define>;

export async function computeComparison(context: Context, options: CompareOptions): Promise<WaveComparison> {
  // Required, but checked after commander has reported unknown options.
  if (options.from === undefined) throw new UsageError('usage.missing_option', { option: `--from <${context.t('help.metavar_wave')}>` });
  if (options.to === undefined) throw new UsageError('usage.missing_option', { option: `--to <${context.t('help.metavar_wave')}>` });
  const top = options.top === undefined ? null : countOption('--top', options.top);
  const { compareWaves, onlyChanges, strongestChanges } = await import('../../compare/waves.js');
  return withEvidence(context, async (evidence) => {
    const from = await evidence.wave(waveOption(options.from));
    const to = await evidence.wave(waveOption(options.to));
    if (from === to) throw new UsageError('usage.same_wave', { wave: from });
    const indicators = new Set(resolveIndicators(context.settings, options.indicator).map((definition) => definition.id));
    const later = await evidence.estimates(to);
    const districts = options.district && options.district.length > 0 ? new Set(resolveDistricts(later.districts, options.district, context)) : null;
    // The family is every indicator in every domain, whatever is shown: q never depends on the filter.
    const comparison = compareWaves(await evidence.estimates(from), later, context.settings.compare.fdr);
    const shown = onlyChanges(
      comparison,
      (row) => indicators.has(row.indicator) && (districts === null || row.district === null || districts.has(row.district)) && (!options.onlySignificant || row.significant === true),
    );
    return top === null ? shown : strongestChanges(shown, top);
  });
}

export async function runCompare(context: Context, options: CompareOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options, FORMATS);
  const comparison = await computeComparison(context, options);
  if (comparison.wholeAreaApart) warnAreasApart(context, { from: comparison.from, to: comparison.to, ...comparison.wholeAreaApart });
  await warnLeftOut(context, comparison.leftOut);
  const { COMPARE_RENDERERS, compareData } = await import('../../render/compare/render.js');
  await emitTables(context, 'compare', options, format === WORKBOOK_FORMAT ? { tables: [compareData(comparison, view.t)] } : { format, text: COMPARE_RENDERERS[format](comparison, view) });
  return 0;
}

export const compareCommand = defineCommand({ name: 'compare', define, formatFromOut: true, run: (context, _args, options) => runCompare(context, options) });
