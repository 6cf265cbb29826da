// `safety-scan benchmark`: a zone of a shared PostgreSQL store beside its peer zones. It publishes the zone's own
// aggregates of the wave first (README, `safety-scan benchmark`; docs/methods.md section 21), then compares its whole area
// with every other zone's published whole area.
import { Command } from '@commander-js/extra-typings';
import type { Translate } from '../../i18n/index.js';
import { BENCHMARK_FORMATS } from '../../render/formats.js';
import { chosenFormat, collectList, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import type { Context } from '../context.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';

/** What `--format` takes: the answer's formats and a workbook. */
const FORMATS = [...BENCHMARK_FORMATS, WORKBOOK_FORMAT] as const;

function define(t: Translate) {
  const base = new Command('benchmark')
    .description(t('help.benchmark'))
    .option('--wave <wave>', t('help.opt_wave'))
    .option('--indicator <id>', t('help.opt_indicator'), collectList)
    .addOption(formatOption(t, FORMATS))
    .option('--json', t('help.opt_json'));
  return tableOutputOptions(base, t).addHelpText(
    'after',
    examples(t, [
      ['safety-scan --store postgres://zone-gent@db.example/safety benchmark', t('help.ex_benchmark')],
      ['safety-scan benchmark --wave 2026 --json > peers-2026.json', t('help.ex_benchmark_json')],
      ['safety-scan benchmark --format xlsx --out peers.xlsx', t('help.ex_xlsx')],
    ]),
  );
}

export type BenchmarkOptions = OptionsOf<typeof define>;

export async function runBenchmark(context: Context, options: BenchmarkOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options, FORMATS);
  const { computeBenchmark } = await import('../peers.js');
  const benchmark = await computeBenchmark(context, options);
  const { BENCHMARK_RENDERERS, benchmarkData } = await import('../../render/benchmark.js');
  await emitTables(context, 'benchmark', options, format === WORKBOOK_FORMAT ? { tables: [benchmarkData(benchmark, view.t)] } : { format, text: BENCHMARK_RENDERERS[format](benchmark, view) });
  return 0;
}

export const benchmarkCommand = defineCommand({ name: 'benchmark', define, formatFromOut: true, run: (context, _args, options) => runBenchmark(context, options) });
