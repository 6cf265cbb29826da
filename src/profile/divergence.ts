// Where residents and key figures rank a district's problems far apart: a documented, configurable rule.
import { problemIndicator } from '../config/codebook.js';
import type { IndicatorRow } from '../indicators/engine.js';
import type { ThemeJudgement } from '../sources/keyfigures.js';

/**
 * A theme diverges when it is in one source's top `top` and in the bottom half of the other's (rank above
 * half the number of ranked themes, rounded up), and key figures judged it in at least `minInterviews`
 * interviews. Residents rank themes by the share seeing them as a problem (suppressed shares are not
 * ranked); key figures by mean severity.
 */
export interface DivergenceRule {
  top: number;
  minInterviews: number;
}

export const DEFAULT_DIVERGENCE: DivergenceRule = { top: 3, minInterviews: 3 };

export interface ResidentRank {
  theme: string;
  estimate: number;
  ciLow: number | null;
  ciHigh: number | null;
  flag: IndicatorRow['flag'];
  n: number;
  rank: number;
}

export interface Divergence {
  district: string | null;
  theme: string;
  residentsRank: number;
  residentsRanked: number;
  keyFiguresRank: number;
  keyFiguresRanked: number;
  interviews: number;
  /** which source puts the theme higher */
  direction: 'residents_higher' | 'key_figures_higher';
}

/** Residents' ranking from the `problem_<theme>` rows of one district: the highest share first, ties by code. */
export function residentsRanking(rows: IndicatorRow[], themes: readonly string[]): ResidentRank[] {
  return themes
    .flatMap((theme) => {
      const row = rows.find((r) => r.indicator === problemIndicator(theme));
      return row && row.estimate !== null ? [{ theme, estimate: row.estimate, ciLow: row.ciLow, ciHigh: row.ciHigh, flag: row.flag, n: row.n }] : [];
    })
    .sort((a, b) => b.estimate - a.estimate || (a.theme < b.theme ? -1 : 1))
    .map((entry, index) => ({ ...entry, rank: index + 1 }));
}

function inBottomHalf(rank: number, ranked: number): boolean {
  return rank > Math.ceil(ranked / 2);
}

export function findDivergences(district: string | null, residents: ResidentRank[], keyFigures: ThemeJudgement[], rule: DivergenceRule = DEFAULT_DIVERGENCE): Divergence[] {
  const divergences: Divergence[] = [];
  for (const judgement of keyFigures) {
    const resident = residents.find((entry) => entry.theme === judgement.theme);
    if (!resident || judgement.interviews < rule.minInterviews) continue;
    const base = {
      district,
      theme: judgement.theme,
      residentsRank: resident.rank,
      residentsRanked: residents.length,
      keyFiguresRank: judgement.rank,
      keyFiguresRanked: keyFigures.length,
      interviews: judgement.interviews,
    };
    if (resident.rank <= rule.top && inBottomHalf(judgement.rank, keyFigures.length)) divergences.push({ ...base, direction: 'residents_higher' });
    else if (judgement.rank <= rule.top && inBottomHalf(resident.rank, residents.length)) divergences.push({ ...base, direction: 'key_figures_higher' });
  }
  return divergences.sort((a, b) => (a.theme < b.theme ? -1 : 1));
}
