// Safety-monitor results as benchmarks: the zone's own estimates beside the same indicator for Belgium,
// the province or the zone in the monitor, with a z-test (docs/methods.md section 8).
import { matchDistrict } from '../districts.js';
import type { IndicatorRow } from '../indicators/engine.js';
import { compareIndependent, seFromInterval, type Comparison } from '../stats/index.js';
import type { MonitorRow } from '../store/sources.js';

export interface Benchmark extends Comparison {
  indicator: string;
  /** whose estimate is compared: a district, or null for the whole area */
  district: string | null;
  area: string;
  /** the monitor edition used: the survey's wave, else the latest edition before it */
  monitorWave: string;
  value: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** the benchmark's SE from its published interval: (upper - lower) / (2 * 1.96) */
  benchmarkSe: number | null;
  estimate: number | null;
  estimateSe: number | null;
}

/** Per area and indicator, the monitor edition nearest to the wave without being later than it. */
function editionsFor(monitor: MonitorRow[], wave: string): MonitorRow[] {
  const latest = new Map<string, MonitorRow>();
  for (const row of monitor) {
    if (row.wave > wave) continue;
    const key = `${row.area}\u0000${row.indicator}`;
    const current = latest.get(key);
    if (!current || row.wave > current.wave) latest.set(key, row);
  }
  return [...latest.values()].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : a.indicator < b.indicator ? -1 : 1));
}

/**
 * Every estimate beside its benchmarks: areas that are not districts of the zone benchmark every district and
 * the whole area; a monitor row for a district itself benchmarks that district. Diff = ours - benchmark.
 */
/**
 * `publishedLevel` is the level of the monitor's published intervals (95% for the federal and CBS monitors),
 * never the level safety-scan's own intervals are configured to.
 */
export function benchmarksFor(rows: IndicatorRow[], monitor: MonitorRow[], districts: string[], wave: string, publishedLevel = 0.95): Benchmark[] {
  const editions = editionsFor(monitor, wave);
  // a monitor area is a district when it names one the way a user's district name is matched (any case, spacing)
  const districtOf = new Map(editions.map((edition) => [edition.area, matchDistrict(edition.area, districts)]));
  const result: Benchmark[] = [];
  for (const row of rows) {
    for (const edition of editions) {
      if (edition.indicator !== row.indicator) continue;
      const district = districtOf.get(edition.area) ?? null;
      if (district !== null && district !== row.district) continue;
      const benchmarkSe = edition.ciLow !== null && edition.ciHigh !== null ? seFromInterval(edition.ciLow, edition.ciHigh, publishedLevel) : null;
      const test = compareIndependent({ estimate: edition.value, se: benchmarkSe }, { estimate: row.estimate, se: row.se });
      result.push({
        indicator: row.indicator,
        district: row.district,
        area: edition.area,
        monitorWave: edition.wave,
        value: edition.value,
        ciLow: edition.ciLow,
        ciHigh: edition.ciHigh,
        benchmarkSe,
        estimate: row.estimate,
        estimateSe: row.se,
        ...test,
      });
    }
  }
  return result;
}
