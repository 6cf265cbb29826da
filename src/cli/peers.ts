// Peer benchmarks as commands run them (`benchmark`, and `report` in a shared store): the zone's figures of a
// wave published into the shared table, then set beside the other zones' (src/peers/benchmark.ts).
import { UsageError } from '../errors.js';
import type { Benchmark } from '../peers/benchmark.js';
import { indicatorRange } from '../config/codebook.js';
import type { Context } from './context.js';
import { resolveIndicators, waveOption } from './resolve.js';

/** A mean whose item the codebook does not define: only finiteness is checked. */
const UNBOUNDED = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;

/** Publishes the zone's figures of the wave and compares them with the other zones' (a shared store only). */
export async function computeBenchmark(context: Context, options: { wave?: string; indicator?: string[] }): Promise<Benchmark> {
  const location = context.location;
  if (location.engine !== 'postgres') throw new UsageError('usage.benchmark_needs_shared', { store: location.path });
  const { benchmarkZone, peerSettings, publishableCells } = await import('../peers/benchmark.js');
  const { peerCells, publishPeerCells } = await import('../store/pg/peers.js');
  const { Evidence } = await import('../evidence/evidence.js');
  const { readingZone } = await import('../store/pg/reader.js');
  const { openZone } = await import('../store/pg/zone.js');
  const definitions = resolveIndicators(context.settings, options.indicator);
  // The zone's figures from one snapshot of its rows (every indicator of the codebook, whatever this run shows) ...
  const own = await readingZone(location.url, context.zone, async (reader, zone) => {
    const evidence = new Evidence(reader, peerSettings(context.settings));
    const wave = await evidence.wave(waveOption(options.wave));
    return { wave, cells: publishableCells(zone.zone, await evidence.estimates(wave)) };
  });
  // ... then published, in a transaction of its own, and set beside the other zones' figures.
  const zone = await openZone(location.url, context.zone);
  try {
    await publishPeerCells(zone, own.wave, own.cells);
    const indicators = definitions.map((definition) => ({ id: definition.id, kind: definition.type, range: indicatorRange(definition, context.settings.codebook) ?? UNBOUNDED }));
    const benchmark = benchmarkZone({ zone: zone.zone, wave: own.wave, cells: own.cells }, await peerCells(zone, own.wave), indicators, context.settings.compare.fdr);
    for (const { zone: peer, cells } of benchmark.leftOut) context.log.warn(context.t('benchmark.left_out', { zone: peer, cells }));
    return benchmark;
  } finally {
    await zone.store.close();
  }
}
