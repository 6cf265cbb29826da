// The district profile: what every source says about one district in one wave, side by side. Reports and
// goal checks consume it; `safety-scan profile` shows it.
import type { Evidence } from '../evidence/evidence.js';
import { present } from '../invariant.js';
import type { IndicatorRow, WaveEstimates } from '../indicators/engine.js';
import { benchmarksFor, type Benchmark } from '../sources/benchmarks.js';
import { judgeThemes, type ThemeJudgement } from '../sources/keyfigures.js';
import { countSignals, type SignalCount } from '../sources/signals.js';
import type { Comparison } from '../stats/index.js';
import { findDivergences, residentsRanking, type Divergence, type ResidentRank } from './divergence.js';

export interface IndicatorInProfile extends IndicatorRow {
  /** the district against the whole area of the same wave (covariance from the stacked influence values) */
  vsArea: Comparison | null;
}

export interface SourceView {
  /** null for the whole area */
  district: string | null;
  indicators: IndicatorInProfile[];
  residents: ResidentRank[];
  keyFigures: ThemeJudgement[];
  signals: SignalCount[];
  benchmarks: Benchmark[];
  divergences: Divergence[];
  /** distinct key-figure interviews about the place */
  interviews: number;
}

export interface ProfileSet {
  wave: string;
  /** the survey wave before this one, if any: signals count from the year after it */
  previousWave: string | null;
  signalWaves: string[];
  /** key-figure interviews a theme needs before its rank is trusted (`profile.min_interviews`) */
  minInterviews: number;
  area: SourceView;
  districts: SourceView[];
  estimates: WaveEstimates;
}

const noTest: Comparison = { diff: null, se: null, z: null, p: null };

/**
 * A district with no spread of its own (a share of 0 or 1, SE 0) cannot be tested against the area with a
 * normal approximation: the difference stays, the test goes.
 */
function areaTest(row: IndicatorRow, test: Comparison | undefined): Comparison {
  if (!test) return noTest;
  return row.se === 0 ? { diff: test.diff, se: null, z: null, p: null } : test;
}

/** Rows by their district (null: the whole area), in their order. */
function byDistrict<T extends { district: string | null }>(rows: T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const group = groups.get(row.district);
    if (group) group.push(row);
    else groups.set(row.district, [row]);
  }
  return groups;
}

export async function buildProfiles(evidence: Evidence, wave: string): Promise<ProfileSet> {
  const { settings } = evidence;
  const estimates = await evidence.estimates(wave, { influence: true });
  const { vsArea } = estimates;
  const districtIndex = new Map(estimates.districts.map((name, index) => [name, index]));
  const previousWave = await evidence.previousWave(wave);
  const signalRows = await evidence.signals(previousWave, wave);
  const keyFigureRows = await evidence.keyFigures(wave);
  const judgements = judgeThemes(keyFigureRows, settings.profile.minInterviews);
  const interviewsOf = byDistrict(keyFigureRows);
  const interviewsIn = (district: string | null) => new Set((district === null ? keyFigureRows : (interviewsOf.get(district) ?? [])).map((row) => row.interview)).size;
  const signals = countSignals(signalRows);
  const benchmarks = byDistrict(benchmarksFor(estimates.rows, await evidence.monitorRows(), estimates.districts, wave));
  // Grouped once: 5,000 districts each filtering every row took longer than the estimates.
  const rowsOf = byDistrict(estimates.rows);
  const rule = { top: settings.profile.divergence.top, minInterviews: settings.profile.divergence.minInterviews };
  const themes = settings.codebook.themes;

  const view = (district: string | null): SourceView => {
    const rows = rowsOf.get(district) ?? [];
    const index = district === null ? -1 : present(districtIndex.get(district), 'the index of an estimated district');
    const indicators = rows.map((row) => ({ ...row, vsArea: index < 0 ? null : areaTest(row, vsArea.get(row.indicator)?.[index]) }));
    const residents = residentsRanking(rows, themes);
    const keyFigures = judgements.get(district) ?? [];
    return {
      district,
      indicators,
      residents,
      keyFigures,
      signals: signals.get(district) ?? [],
      benchmarks: benchmarks.get(district) ?? [],
      divergences: findDivergences(district, residents, keyFigures, rule),
      interviews: interviewsIn(district),
    };
  };
  return {
    wave,
    previousWave,
    signalWaves: [...new Set(signalRows.map((row) => row.wave))].sort(),
    minInterviews: settings.profile.minInterviews,
    area: view(null),
    districts: estimates.districts.map(view),
    estimates,
  };
}
