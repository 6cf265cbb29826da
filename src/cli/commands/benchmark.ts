// `safety-scan benchmark`: a zone of a shared PostgreSQL store beside its peer zones. It publishes the zone's own
// aggregates of the wave first (README, Peer benchmarks; docs/methods.md section 21), then compares its whole area
// with every other zone's published whole area.
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import type { Evidence } from '../../evidence/evidence.js';
import type { Benchmark } from '../../peers/benchmark.js';
import type { Settings } from '../../config/settings.js';
import type { ZoneStore } from '../../store/pg/zone.js';
import { BENCHMARK_FORMATS } from '../../render/formats.js';
import { chosenFormat, collectList, defineCommand, examples, formatOption, type OptionsOf } from '../command.js';
import type { Context } from '../context.js';
import { WORKBOOK_FORMAT, emitTables, tableOutputOptions, tableView } from '../table-output.js';
import { resolveIndicators, waveOption } from '../resolve.js';

function define(t: Translate) {
  const base = new Command('benchmark')
    .description(t('help.benchmark'))
    .option('--wave <wave>', t('help.opt_wave'))
    .option('--indicator <id>', t('help.opt_indicator'), collectList)
    .addOption(formatOption(t, [...BENCHMARK_FORMATS, WORKBOOK_FORMAT]))
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

/** Publishes the zone's figures of the wave and compares them with the other zones' (a shared store only). */
export async function computeBenchmark(context: Context, options: Pick<BenchmarkOptions, 'wave' | 'indicator'>): Promise<Benchmark> {
  const { benchmarkZone, peerSettings, publishableCells } = await import('../../peers/benchmark.js');
  const { peerCells, publishPeerCells } = await import('../../store/pg/peers.js');
  const definitions = resolveIndicators(context.settings, options.indicator);
  return withZoneEvidence(context, peerSettings(context.settings), async (zone: ZoneStore, evidence: Evidence) => {
    const wave = await evidence.wave(waveOption(options.wave));
    // Every indicator of the codebook is published, whatever this run shows.
    const cells = publishableCells(zone.zone, await evidence.estimates(wave));
    await publishPeerCells(zone, wave, cells);
    const indicators = definitions.map((definition) => ({ id: definition.id, kind: definition.type }));
    return benchmarkZone({ zone: zone.zone, wave, cells }, await peerCells(zone, wave), indicators, context.settings.compare.fdr);
  });
}

/** Reads a shared store as this run's zone (the login's, or --zone's) with the settings given, and writes to it. */
async function withZoneEvidence<T>(context: Context, settings: Settings, work: (zone: ZoneStore, evidence: Evidence) => Promise<T>): Promise<T> {
  const location = context.location;
  if (location.engine !== 'postgres') throw new UsageError('usage.benchmark_needs_shared', { store: location.path });
  const { Evidence } = await import('../../evidence/evidence.js');
  const { readingZone } = await import('../../store/pg/reader.js');
  return readingZone(location.url, context.zone, (reader, zone) => work(zone, new Evidence(reader, settings)));
}

export async function runBenchmark(context: Context, options: BenchmarkOptions): Promise<number> {
  const format = chosenFormat(options);
  const view = tableView(context, format, options);
  const benchmark = await computeBenchmark(context, options);
  const { BENCHMARK_RENDERERS, benchmarkData } = await import('../../render/benchmark.js');
  await emitTables(context, options, format === WORKBOOK_FORMAT ? { tables: [benchmarkData(benchmark, view.t)] } : { text: BENCHMARK_RENDERERS[format](benchmark, view) });
  return 0;
}

export const benchmarkCommand = defineCommand({ name: 'benchmark', define, run: (context, _args, options) => runBenchmark(context, options) });
