// Peer benchmarks as commands run them (`benchmark`, and `report` in a shared store): the zone's figures of a
// wave published into the shared table, then set beside the other zones' (src/peers/benchmark.ts).
import type { Settings } from '../config/settings.js';
import { UsageError } from '../errors.js';
import type { Evidence } from '../evidence/evidence.js';
import type { Benchmark } from '../peers/benchmark.js';
import type { ZoneStore } from '../store/pg/zone.js';
import type { Context } from './context.js';
import { resolveIndicators, waveOption } from './resolve.js';

/** Publishes the zone's figures of the wave and compares them with the other zones' (a shared store only). */
export async function computeBenchmark(context: Context, options: { wave?: string; indicator?: string[] }): Promise<Benchmark> {
  const { benchmarkZone, peerSettings, publishableCells } = await import('../peers/benchmark.js');
  const { peerCells, publishPeerCells } = await import('../store/pg/peers.js');
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
  const { Evidence } = await import('../evidence/evidence.js');
  const { readingZone } = await import('../store/pg/reader.js');
  return readingZone(location.url, context.zone, (reader, zone) => work(zone, new Evidence(reader, settings)));
}

