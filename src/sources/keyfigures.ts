// Key-figure interviews per district and theme: expert judgements, summarised side by side with the
// survey, never weighted and never pooled with survey shares.
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { KeyFigureRow } from '../store/sources.js';

export interface ThemeJudgement {
  /** null for all districts together */
  district: string | null;
  theme: string;
  interviews: number;
  organisationTypes: number;
  meanSeverity: number;
  /** share of interviews rating the theme 4 or 5 */
  shareSerious: number;
  /** sample standard deviation of the severities; null with one interview */
  spread: number | null;
  /** share "worse" minus share "better", among interviews that gave a trend; null when none did */
  trendBalance: number | null;
  trendAnswers: number;
  /** 1 = the most serious theme of the district: mean severity, then share serious, then theme code */
  rank: number;
  /** fewer interviews than the minimum: read with care */
  fewInterviews: boolean;
}

export const MIN_INTERVIEWS = 3;

function summarise(district: string | null, theme: string, rows: KeyFigureRow[], minInterviews: number): Omit<ThemeJudgement, 'rank'> {
  const severities = rows.map((row) => row.severity);
  const trends = rows.filter((row) => row.trend !== null);
  const worse = trends.filter((row) => row.trend === 'worse').length;
  const better = trends.filter((row) => row.trend === 'better').length;
  const interviews = new Set(rows.map((row) => row.interview)).size;
  return {
    district,
    theme,
    interviews,
    organisationTypes: new Set(rows.map((row) => row.organisationType)).size,
    meanSeverity: mean(severities),
    shareSerious: severities.filter((severity) => severity >= 4).length / severities.length,
    spread: severities.length > 1 ? sampleStandardDeviation(severities) : null,
    trendBalance: trends.length > 0 ? (worse - better) / trends.length : null,
    trendAnswers: trends.length,
    fewInterviews: interviews < minInterviews,
  };
}

/** Ranks themes within one district: the most serious first, ties by share serious, then by code. */
function ranked(judgements: Array<Omit<ThemeJudgement, 'rank'>>): ThemeJudgement[] {
  return [...judgements]
    .sort((a, b) => b.meanSeverity - a.meanSeverity || b.shareSerious - a.shareSerious || (a.theme < b.theme ? -1 : 1))
    .map((judgement, index) => ({ ...judgement, rank: index + 1 }));
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Per district (and for all districts together, district null): every theme with its summary and rank. */
export function judgeThemes(rows: KeyFigureRow[], minInterviews = MIN_INTERVIEWS): Map<string | null, ThemeJudgement[]> {
  const result = new Map<string | null, ThemeJudgement[]>();
  for (const [district, inDistrict] of groupBy(rows, (row) => row.district)) {
    result.set(district, ranked([...groupBy(inDistrict, (row) => row.theme)].map(([theme, themeRows]) => summarise(district, theme, themeRows, minInterviews))));
  }
  result.set(null, ranked([...groupBy(rows, (row) => row.theme)].map(([theme, themeRows]) => summarise(null, theme, themeRows, minInterviews))));
  return result;
}
