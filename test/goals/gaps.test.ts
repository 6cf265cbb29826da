// Expectation gaps: residents' top problems that no goal addresses, for their district or the whole area.
import { describe, expect, test } from 'vitest';
import type { Goal } from '../../src/goals/file.js';
import { expectationGaps, goalCovers, problemSharesFromRows, rankProblems, type DistrictProblems, type ProblemShare } from '../../src/goals/gaps.js';

const ok = (estimate: number): ProblemShare => ({ estimate, flag: 'ok' });

type Covering = Pick<Goal, 'indicator' | 'district' | 'themes'>;
const covering = (district: string | null, fields: Partial<Covering> = {}): Covering => ({ indicator: 'unsafe_often', district, themes: [], ...fields });

describe('ranking a district’s problems', () => {
  test('highest share first, ties by theme code, suppressed shares left out', () => {
    const ranked = rankProblems({
      speeding: ok(0.5),
      drugs: ok(0.6),
      burglary: ok(0.5),
      noise: { estimate: null, flag: 'suppressed' },
      parking: { estimate: 0.9, flag: 'suppressed' },
    });
    expect(ranked.map(({ theme, rank }) => [theme, rank])).toEqual([
      ['drugs', 1],
      ['burglary', 2],
      ['speeding', 3],
    ]);
  });
});

describe('expectation gaps', () => {
  const oudegem: DistrictProblems = {
    district: 'Oudegem',
    shares: { speeding: ok(0.67), parking: ok(0.45), drugs: ok(0.4), dumping: ok(0.39), noise: ok(0.2) },
  };

  test('the top three at or above 0.40 are gaps when no goal covers them', () => {
    const gaps = expectationGaps([oudegem], []);
    expect(gaps).toEqual([
      { kind: 'expectation_gap', district: 'Oudegem', theme: 'speeding', rank: 1, estimate: 0.67, flag: 'ok', risk: 'medium' },
      { kind: 'expectation_gap', district: 'Oudegem', theme: 'parking', rank: 2, estimate: 0.45, flag: 'ok', risk: 'medium' },
      { kind: 'expectation_gap', district: 'Oudegem', theme: 'drugs', rank: 3, estimate: 0.4, flag: 'ok', risk: 'medium' },
    ]);
  });

  test('a share just below 0.40 is not a gap, even in the top three', () => {
    const gaps = expectationGaps([{ district: 'Appels', shares: { speeding: ok(0.5), drugs: ok(0.3999) } }], []);
    expect(gaps.map((gap) => gap.theme)).toEqual(['speeding']);
  });

  test('the fourth problem is not a gap, however high its share', () => {
    const shares = { a_theme: ok(0.9), b_theme: ok(0.8), c_theme: ok(0.7), d_theme: ok(0.69) };
    expect(expectationGaps([{ district: 'Appels', shares }], []).map((gap) => gap.theme)).toEqual(['a_theme', 'b_theme', 'c_theme']);
  });

  test('a tie at the third place goes to the theme code first in order', () => {
    const shares = { speeding: ok(0.7), parking: ok(0.6), vandalism: ok(0.5), burglary: ok(0.5) };
    expect(expectationGaps([{ district: 'Appels', shares }], []).map((gap) => gap.theme)).toEqual(['speeding', 'parking', 'burglary']);
  });

  test('a suppressed share does not take a place in the top three', () => {
    const shares: Record<string, ProblemShare> = {
      speeding: { estimate: null, flag: 'suppressed' },
      parking: ok(0.6),
      drugs: ok(0.55),
      noise: ok(0.5),
    };
    expect(expectationGaps([{ district: 'Appels', shares }], []).map((gap) => [gap.theme, gap.rank])).toEqual([
      ['parking', 1],
      ['drugs', 2],
      ['noise', 3],
    ]);
  });

  test('an unreliable share counts, and carries its flag', () => {
    const gaps = expectationGaps([{ district: 'Appels', shares: { drugs: { estimate: 0.5, flag: 'unreliable' } } }], []);
    expect(gaps).toMatchObject([{ theme: 'drugs', flag: 'unreliable', risk: 'medium' }]);
  });

  test('a goal covers a theme by listing it', () => {
    const gaps = expectationGaps([oudegem], [covering('Oudegem', { themes: ['speeding', 'drugs'] })]);
    expect(gaps.map((gap) => gap.theme)).toEqual(['parking']);
  });

  test('a goal covers a theme by measuring its problem indicator', () => {
    const gaps = expectationGaps([oudegem], [covering('Oudegem', { indicator: 'problem_parking' })]);
    expect(gaps.map((gap) => gap.theme)).toEqual(['speeding', 'drugs']);
  });

  test('a goal for another district covers nothing here', () => {
    const gaps = expectationGaps([oudegem], [covering('Appels', { themes: ['speeding'], indicator: 'problem_parking' })]);
    expect(gaps.map((gap) => gap.theme)).toEqual(['speeding', 'parking', 'drugs']);
  });

  test('a whole-area goal covers every district', () => {
    const appels: DistrictProblems = { district: 'Appels', shares: { speeding: ok(0.8), noise: ok(0.5) } };
    const gaps = expectationGaps([oudegem, appels], [covering(null, { themes: ['speeding'] })]);
    expect(gaps.map((gap) => `${gap.district}:${gap.theme}`)).toEqual(['Appels:noise', 'Oudegem:parking', 'Oudegem:drugs']);
  });

  test('thresholds are configurable', () => {
    expect(expectationGaps([oudegem], [], { top: 1 }).map((gap) => gap.theme)).toEqual(['speeding']);
    expect(expectationGaps([oudegem], [], { minShare: 0.5 }).map((gap) => gap.theme)).toEqual(['speeding']);
    expect(expectationGaps([oudegem], [], { top: 5, minShare: 0.2 })).toHaveLength(5);
  });

  test('sorted by district, then rank, whatever the input order', () => {
    const districts: DistrictProblems[] = [
      { district: 'Oudegem', shares: { drugs: ok(0.5), speeding: ok(0.6) } },
      { district: 'Élouges', shares: { noise: ok(0.5) } },
      { district: 'Appels', shares: { parking: ok(0.45), dumping: ok(0.7) } },
    ];
    expect(expectationGaps(districts, []).map((gap) => `${gap.district}:${gap.rank}:${gap.theme}`)).toEqual([
      'Appels:1:dumping',
      'Appels:2:parking',
      'Élouges:1:noise',
      'Oudegem:1:speeding',
      'Oudegem:2:drugs',
    ]);
  });

  test('goalCovers compares district names after normalisation', () => {
    expect(goalCovers(covering('Sint  Gillis', { themes: ['drugs'] }), 'Sint Gillis', 'drugs')).toBe(true);
    expect(goalCovers(covering('Sint Gillis', { themes: ['drugs'] }), 'Sint Gillis', 'noise')).toBe(false);
  });
});

describe('problem shares from the engine’s rows', () => {
  test('one entry per district of the wave, problem indicators only, whole area left out', () => {
    const rows = [
      { indicator: 'problem_speeding', district: 'Appels', wave: '2026', estimate: 0.6, flag: 'ok' as const },
      { indicator: 'problem_drugs', district: 'Appels', wave: '2026', estimate: null, flag: 'suppressed' as const },
      { indicator: 'problem_speeding', district: null, wave: '2026', estimate: 0.55, flag: 'ok' as const },
      { indicator: 'problem_speeding', district: 'Appels', wave: '2023', estimate: 0.4, flag: 'ok' as const },
      { indicator: 'unsafe_often', district: 'Appels', wave: '2026', estimate: 0.9, flag: 'ok' as const },
    ];
    expect(problemSharesFromRows(rows, '2026')).toEqual([
      { district: 'Appels', shares: { speeding: { estimate: 0.6, flag: 'ok' }, drugs: { estimate: null, flag: 'suppressed' } } },
    ]);
  });
});
