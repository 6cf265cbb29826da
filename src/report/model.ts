// Everything a district report shows, gathered once from the store: the profiles of the wave, the
// goals check, the change since the previous wave, trends over every wave, and the sources' sizes.
import { isProblemIndicator, type IndicatorDefinition } from '../config/codebook.js';
import { compareWaves, type WaveComparison } from '../compare/waves.js';
import type { Evidence } from '../evidence/evidence.js';
import type { RowCounts } from '../store/reader.js';
import { runCheck, type CheckResult } from '../goals/check.js';
import type { GoalsFile } from '../goals/file.js';
import type { IndicatorRow } from '../indicators/engine.js';
import type { Benchmark } from '../peers/benchmark.js';
import { buildProfiles, type ProfileSet } from '../profile/profile.js';

export interface SourceSizes {
  /** respondents stored per survey wave */
  survey: Record<string, number>;
  keyFigures: Record<string, number>;
  signals: Record<string, number>;
  monitor: Record<string, number>;
  populationRows: number;
}

export interface ReportModel {
  zone: string | null;
  wave: string;
  /** whether a goals file was given: without one the summary says the goals were not checked */
  hasGoals: boolean;
  /** the false discovery rate changes are tested at */
  fdr: number;
  /** the configured thresholds the report's methods and gap texts quote (docs/methods.md sections 5 and 9) */
  thresholds: { minCell: number; minNEff: number; gapTop: number };
  waves: string[];
  /** the indicators a report opens with: everything but the problem shares */
  headline: IndicatorDefinition[];
  profiles: ProfileSet;
  check: CheckResult;
  comparison: WaveComparison | null;
  /** every wave's rows up to the reported one, for trends */
  history: IndicatorRow[];
  sources: SourceSizes;
  /** the zone beside its peer zones, in a shared PostgreSQL store only (src/peers/benchmark.ts) */
  peers: Benchmark | null;
}

export interface ReportRequest {
  wave: string;
  goals: GoalsFile | null;
}

/** Sums of rows per wave (for the methods appendix); population figures counted over every wave. */
function sourceSizes(counts: RowCounts): SourceSizes {
  return {
    survey: counts.survey ?? {},
    keyFigures: counts.keyfigures ?? {},
    signals: counts.signals ?? {},
    monitor: counts.monitor ?? {},
    populationRows: Object.values(counts.population ?? {}).reduce((sum, n) => sum + n, 0),
  };
}

export async function buildReport(evidence: Evidence, request: ReportRequest): Promise<ReportModel> {
  const { settings } = evidence;
  const { wave } = request;
  const waves = (await evidence.waves()).filter((w) => w <= wave);
  const profiles = await buildProfiles(evidence, wave);
  const check = await runCheck(evidence, profiles, request.goals);
  const previous = await evidence.previousWave(wave);
  return {
    zone: settings.zone ?? null,
    hasGoals: request.goals !== null,
    fdr: settings.compare.fdr,
    thresholds: { minCell: settings.estimates.minCell, minNEff: settings.estimates.minNEff, gapTop: settings.check.gapTop },
    wave,
    waves,
    headline: settings.codebook.indicators.filter((definition) => !isProblemIndicator(definition.id)),
    profiles,
    check,
    comparison: previous ? compareWaves(await evidence.estimates(previous), profiles.estimates, settings.compare.fdr) : null,
    history: await evidence.history(wave),
    sources: sourceSizes(await evidence.rowCounts()),
    peers: null,
  };
}
