// Key-figure summaries, signal counts, monitor benchmarks and the divergence rule, on hand-made cases.
import { describe, expect, it } from 'vitest';
import type { IndicatorRow } from '../../src/indicators/engine.js';
import { findDivergences, residentsRanking, type ResidentRank } from '../../src/profile/divergence.js';
import { benchmarksFor } from '../../src/sources/benchmarks.js';
import { judgeThemes, type ThemeJudgement } from '../../src/sources/keyfigures.js';
import { countSignals } from '../../src/sources/signals.js';
import type { KeyFigureRow, MonitorRow } from '../../src/store/sources.js';

const kf = (interview: string, district: string, theme: string, severity: number, trend: KeyFigureRow['trend'] = null, organisationType = 'school'): KeyFigureRow => ({
  interview,
  district,
  theme,
  severity,
  trend,
  organisationType,
});

describe('key-figure summaries', () => {
  const rows = [
    kf('a', 'Oudegem', 'drugs', 5, 'worse', 'school'),
    kf('b', 'Oudegem', 'drugs', 4, 'worse', 'shop'),
    kf('c', 'Oudegem', 'drugs', 2, 'better', 'shop'),
    kf('d', 'Oudegem', 'drugs', 3, null, 'youth_work'),
    kf('a', 'Oudegem', 'speeding', 3, 'same'),
    kf('e', 'Baasrode', 'drugs', 1, 'better'),
  ];
  const judged = judgeThemes(rows);

  it('summarise a theme: interviews, organisation types, mean, share 4-5, sample SD, trend balance', () => {
    const drugs = judged.get('Oudegem')!.find((j) => j.theme === 'drugs')!;
    expect(drugs.interviews).toBe(4);
    expect(drugs.organisationTypes).toBe(3);
    expect(drugs.meanSeverity).toBe(3.5);
    expect(drugs.shareSerious).toBe(0.5);
    // severities 5 4 2 3: mean 3.5, squares 2.25 0.25 2.25 0.25 = 5, / 3
    expect(drugs.spread).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // 2 worse, 1 better among the 3 that gave a trend
    expect(drugs.trendBalance).toBeCloseTo(1 / 3, 12);
    expect(drugs.trendAnswers).toBe(3);
    expect(drugs.fewInterviews).toBe(false);
  });

  it('flag themes with fewer than 3 interviews and give one interview no spread', () => {
    const speeding = judged.get('Oudegem')!.find((j) => j.theme === 'speeding')!;
    expect(speeding.fewInterviews).toBe(true);
    expect(speeding.spread).toBeNull();
    expect(speeding.trendBalance).toBe(0);
  });

  it('rank themes within a district, most serious first', () => {
    expect(judged.get('Oudegem')!.map((j) => [j.theme, j.rank])).toEqual([
      ['drugs', 1],
      ['speeding', 2],
    ]);
  });

  it('also summarise all districts together', () => {
    const all = judged.get(null)!.find((j) => j.theme === 'drugs')!;
    expect(all.interviews).toBe(5);
    expect(all.meanSeverity).toBe(3);
  });

  it('give no trend balance when nobody gave a trend', () => {
    const [only] = judgeThemes([kf('x', 'A', 'noise', 4)]).get('A')!;
    expect(only.trendBalance).toBeNull();
  });
});

describe('signal counts', () => {
  it('sum counts per district and theme, by source, most signals first', () => {
    const counts = countSignals([
      { wave: '2026', date: '2026-01-02', district: 'A', theme: 'drugs', source: 'police_cafe', count: 3 },
      { wave: '2026', date: '2026-02-02', district: 'A', theme: 'drugs', source: 'complaint', count: 1 },
      { wave: '2026', date: '2026-02-03', district: 'A', theme: 'noise', source: 'complaint', count: 7 },
      { wave: '2025', date: '2025-02-03', district: 'B', theme: 'drugs', source: 'police_cafe', count: 2 },
    ]);
    expect(counts.get('A')).toEqual([
      { district: 'A', theme: 'noise', count: 7, bySource: { complaint: 7 } },
      { district: 'A', theme: 'drugs', count: 4, bySource: { complaint: 1, police_cafe: 3 } },
    ]);
    expect(counts.get(null)!.find((c) => c.theme === 'drugs')!.count).toBe(6);
  });
});

const row = (indicator: string, district: string | null, estimate: number | null, se: number | null): IndicatorRow => ({
  indicator,
  kind: 'share',
  district,
  wave: '2026',
  estimate,
  se,
  ciLow: null,
  ciHigh: null,
  ciMethod: 'korn-graubard',
  n: 100,
  nEff: 100,
  deff: 1,
  flag: estimate === null ? 'suppressed' : 'ok',
});

const monitor = (wave: string, area: string, value: number, ciLow: number | null = null, ciHigh: number | null = null): MonitorRow => ({
  wave,
  area,
  indicator: 'unsafe_often',
  value,
  ciLow,
  ciHigh,
  n: null,
});

describe('monitor benchmarks', () => {
  const rows = [row('unsafe_often', 'Oudegem', 0.12, 0.02), row('unsafe_often', null, 0.1, 0.01)];

  it('use the same wave when the monitor has it, else the latest earlier edition, never a later one', () => {
    const found = benchmarksFor(rows, [monitor('2021', 'Belgium', 0.09), monitor('2024', 'Belgium', 0.075, 0.07, 0.08), monitor('2027', 'Belgium', 0.05)], ['Oudegem'], '2026');
    expect(found.map((b) => [b.district, b.monitorWave])).toEqual([
      ['Oudegem', '2024'],
      [null, '2024'],
    ]);
    const same = benchmarksFor(rows, [monitor('2026', 'Belgium', 0.08), monitor('2024', 'Belgium', 0.075)], ['Oudegem'], '2026');
    expect(same[0].monitorWave).toBe('2026');
  });

  it('derive the benchmark SE from its interval and test ours against it', () => {
    const [b] = benchmarksFor(rows, [monitor('2024', 'Belgium', 0.075, 0.07, 0.08)], ['Oudegem'], '2026');
    expect(b.benchmarkSe).toBeCloseTo(0.01 / 3.92, 15);
    expect(b.diff).toBeCloseTo(0.045, 15);
    expect(b.se).toBeCloseTo(Math.sqrt(0.02 ** 2 + (0.01 / 3.92) ** 2), 15);
  });

  it('compare a district only with its own monitor row, and no one else with it', () => {
    const found = benchmarksFor(rows, [monitor('2024', 'Oudegem', 0.2, 0.1, 0.3), monitor('2024', 'Baasrode', 0.3, 0.2, 0.4)], ['Oudegem', 'Baasrode'], '2026');
    expect(found.map((b) => [b.district, b.area])).toEqual([['Oudegem', 'Oudegem']]);
  });

  it('take a monitor area written in another case or spacing for the district it names, never for the whole zone', () => {
    const found = benchmarksFor(rows, [monitor('2024', 'OUDEGEM', 0.2, 0.1, 0.3), monitor('2024', ' baasrode ', 0.3, 0.2, 0.4), monitor('2024', 'Belgium', 0.075)], ['Oudegem', 'Baasrode'], '2026');
    expect(found.map((b) => [b.district, b.area])).toEqual([
      ['Oudegem', 'Belgium'],
      ['Oudegem', 'OUDEGEM'],
      [null, 'Belgium'],
    ]);
  });

  it('leave the test out when the benchmark has no interval or our estimate is suppressed', () => {
    const found = benchmarksFor([row('unsafe_often', 'Oudegem', null, null), row('unsafe_often', null, 0.1, 0.01)], [monitor('2024', 'Belgium', 0.075)], ['Oudegem'], '2026');
    expect(found.map((b) => b.z)).toEqual([null, null]);
  });
});

/** A ranking of n themes t1..tn with the given rank for `theme`. */
function residents(n: number, theme: string, rank: number): ResidentRank[] {
  const themes = Array.from({ length: n - 1 }, (_, i) => `t${i + 1}`);
  themes.splice(rank - 1, 0, theme);
  return themes.map((t, i) => ({ theme: t, estimate: 1 - i / 100, ciLow: null, ciHigh: null, flag: 'ok' as const, n: 100, rank: i + 1 }));
}

function keyFigures(n: number, theme: string, rank: number, interviews = 3): ThemeJudgement[] {
  const themes = Array.from({ length: n - 1 }, (_, i) => `t${i + 1}`);
  themes.splice(rank - 1, 0, theme);
  return themes.map((t, i) => ({
    district: 'D',
    theme: t,
    interviews: t === theme ? interviews : 3,
    organisationTypes: 1,
    meanSeverity: 5 - i / 10,
    shareSerious: 0,
    spread: null,
    trendBalance: null,
    trendAnswers: 0,
    rank: i + 1,
    fewInterviews: false,
  }));
}

describe('the divergence rule', () => {
  const rule = { top: 3, minInterviews: 3 };
  const diverges = (r: ResidentRank[], k: ThemeJudgement[]) => findDivergences('D', r, k, rule).filter((d) => d.theme === 'x');

  it('a theme in the residents’ top 3 and the key figures’ bottom half diverges', () => {
    expect(diverges(residents(10, 'x', 3), keyFigures(10, 'x', 6))).toMatchObject([{ direction: 'residents_higher', residentsRank: 3, keyFiguresRank: 6 }]);
  });

  it('rank 4 is outside the top 3', () => {
    expect(diverges(residents(10, 'x', 4), keyFigures(10, 'x', 10))).toEqual([]);
  });

  it('rank 5 of 10 is not in the bottom half, rank 6 is', () => {
    expect(diverges(residents(10, 'x', 1), keyFigures(10, 'x', 5))).toEqual([]);
    expect(diverges(residents(10, 'x', 1), keyFigures(10, 'x', 6))).toHaveLength(1);
  });

  it('the bottom half of an odd ranking leaves the middle out (rank 3 of 5 is not, rank 4 is)', () => {
    expect(diverges(residents(10, 'x', 1), keyFigures(5, 'x', 3))).toEqual([]);
    expect(diverges(residents(10, 'x', 1), keyFigures(5, 'x', 4))).toHaveLength(1);
  });

  it('key figures alarmed where residents are not diverges the other way', () => {
    expect(diverges(residents(10, 'x', 10), keyFigures(10, 'x', 1))).toMatchObject([{ direction: 'key_figures_higher' }]);
  });

  it('needs at least 3 interviews on the theme', () => {
    expect(diverges(residents(10, 'x', 10), keyFigures(10, 'x', 1, 2))).toEqual([]);
    expect(diverges(residents(10, 'x', 10), keyFigures(10, 'x', 1, 3))).toHaveLength(1);
  });

  it('follows a configured top and minimum', () => {
    expect(findDivergences('D', residents(10, 'x', 4), keyFigures(10, 'x', 10), { top: 4, minInterviews: 1 })).toHaveLength(1);
  });

  it('ranks residents by share and leaves suppressed shares out', () => {
    const rows = [row('problem_drugs', 'D', 0.2, 0.01), row('problem_noise', 'D', 0.5, 0.01), row('problem_burglary', 'D', null, null)];
    expect(residentsRanking(rows, ['burglary', 'drugs', 'noise']).map((r) => [r.theme, r.rank])).toEqual([
      ['noise', 1],
      ['drugs', 2],
    ]);
  });
});
