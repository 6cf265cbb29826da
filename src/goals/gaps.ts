// Expectation gaps (docs/methods.md section 9): problems a district's residents rank highest that no goal
// of the plan addresses, for that district or the whole area. Asking residents creates expectations.
import { problemIndicator, themeOfIndicator } from '../config/codebook.js';
import type { Flag } from '../stats/flags.js';
import { normaliseName } from '../ingest/values.js';
import type { Goal } from './file.js';
import { compareDistricts } from '../districts.js';

export interface ProblemShare {
  /** the share of residents who see the theme as a problem; null when suppressed */
  estimate: number | null;
  flag: Flag;
}

export interface DistrictProblems {
  district: string;
  /** theme code (without `problem_`) -> share */
  shares: Readonly<Record<string, ProblemShare>>;
}

export interface GapThresholds {
  /** how many of a district's highest-ranked problems count */
  top: number;
  /** the least share (inclusive) that counts */
  minShare: number;
}

export const DEFAULT_GAP_THRESHOLDS: GapThresholds = { top: 3, minShare: 0.4 };

export interface ExpectationGap {
  kind: 'expectation_gap';
  district: string;
  theme: string;
  /** 1 = the district's most-mentioned problem */
  rank: number;
  estimate: number;
  /** an unreliable share still ranks; the renderer marks it */
  flag: Flag;
  risk: 'medium';
}

type CoveringGoal = Pick<Goal, 'indicator' | 'district' | 'themes'>;


/** A goal covers a theme in a district when it is for that district or the whole area, and lists the theme or measures it. */
export function goalCovers(goal: CoveringGoal, district: string, theme: string): boolean {
  const area = goal.district === null || normaliseName(goal.district) === normaliseName(district);
  return area && (goal.themes.includes(theme) || goal.indicator === problemIndicator(theme));
}

/** A district's problems, highest share first (ties by theme code); suppressed shares are left out. */
export function rankProblems(shares: Readonly<Record<string, ProblemShare>>): Array<{ theme: string; rank: number; estimate: number; flag: Flag }> {
  return Object.entries(shares)
    .flatMap(([theme, share]) => (share.estimate === null || share.flag === 'suppressed' ? [] : [{ theme, estimate: share.estimate, flag: share.flag }]))
    .sort((a, b) => b.estimate - a.estimate || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0))
    .map((entry, i) => ({ ...entry, rank: i + 1 }));
}

/** Every expectation gap, sorted by district, then rank. */
export function expectationGaps(
  districts: readonly DistrictProblems[],
  goals: readonly CoveringGoal[],
  thresholds: Partial<GapThresholds> = {},
): ExpectationGap[] {
  const { top, minShare } = { ...DEFAULT_GAP_THRESHOLDS, ...thresholds };
  const gaps: ExpectationGap[] = [];
  for (const { district, shares } of districts) {
    for (const problem of rankProblems(shares)) {
      if (problem.rank > top || problem.estimate < minShare) continue;
      if (goals.some((goal) => goalCovers(goal, district, problem.theme))) continue;
      gaps.push({ kind: 'expectation_gap', district, theme: problem.theme, rank: problem.rank, estimate: problem.estimate, flag: problem.flag, risk: 'medium' });
    }
  }
  return gaps.sort((a, b) => compareDistricts(a.district, b.district) || a.rank - b.rank);
}

/** The residents' problem shares per district of one wave, from the engine's `problem_<theme>` rows. */
export function problemSharesFromRows(
  rows: ReadonlyArray<{ indicator: string; district: string | null; wave: string; estimate: number | null; flag: Flag }>,
  wave: string,
): DistrictProblems[] {
  const byDistrict = new Map<string, Record<string, ProblemShare>>();
  for (const row of rows) {
    const theme = themeOfIndicator(row.indicator);
    if (row.wave !== wave || row.district === null || theme === null) continue;
    const shares = byDistrict.get(row.district) ?? {};
    shares[theme] = { estimate: row.estimate, flag: row.flag };
    byDistrict.set(row.district, shares);
  }
  return [...byDistrict].map(([district, shares]) => ({ district, shares }));
}
