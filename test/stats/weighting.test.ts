// Weighting behaviour (docs/methods.md sections 1-2) on small hand-made frames.
import { describe, expect, test } from 'vitest';
import { weight } from '../../src/stats/weighting.js';
import { cellIndex } from '../../src/stats/design.js';
import { frameOf, fullRows, marginsOf, randomStream, weighted, weightedTotals, type Row } from './fixtures.js';

const A = 3;
const population = (d: number, s: number, a: number) => 1000 + 300 * d + 150 * s + 200 * a;

/** Three districts, every cell present, response skewed towards old women. */
function skewedRows(): Row[] {
  const next = randomStream(7);
  const rows = fullRows(3, A);
  for (let k = 0; k < 150; k++) {
    const a = next() < 0.5 ? 2 : Math.floor(next() * A);
    rows.push([k % 3, next() < 0.65 ? 1 : 0, a]);
  }
  return rows;
}

describe('raking', () => {
  test('raking converges to the margins', () => {
    const frame = frameOf(skewedRows(), 3);
    const margins = marginsOf(3, A, population);
    const { design, diagnostics } = weighted(frame, margins);
    expect(diagnostics).toMatchObject({ method: 'rake', converged: true, excluded: 0 });
    expect(diagnostics.sweeps).toBeGreaterThan(1);
    const { bySex, byAge } = weightedTotals(design, frame, A);
    for (let d = 0; d < 3; d++) {
      for (let s = 0; s < 2; s++) {
        const N = [0, 1, 2].reduce((sum, a) => sum + population(d, s, a), 0);
        expect(Math.abs(bySex[d * 2 + s] - N)).toBeLessThanOrEqual(1e-9 * N);
      }
      for (let a = 0; a < A; a++) {
        const N = population(d, 0, a) + population(d, 1, a);
        expect(Math.abs(byAge[d * A + a] - N)).toBeLessThanOrEqual(1e-9 * N);
      }
    }
  });

  test('raking that cannot meet its margins fails naming the worst cells', () => {
    // Only young men and old women answered: sex and age are the same split, but the margins disagree.
    const rows: Row[] = [[0, 0, 0], [0, 0, 0], [0, 1, 1], [0, 1, 1]];
    const margins = marginsOf(1, 2, (_d, s, a) => (s === 0 ? 300 : 100) + (a === 0 ? 0 : 50));
    const result = weight(frameOf(rows, 1), margins);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('not_converged');
    expect(result.problem.cells.length).toBeGreaterThan(0);
    for (const cell of result.problem.cells) {
      expect(cell.district).toBe(0);
      expect(Math.abs(cell.weighted! - cell.population)).toBeGreaterThan(1e-9 * cell.population);
    }
  });
});

describe('post-stratification', () => {
  test('post-stratification reproduces every cell', () => {
    const frame = frameOf(skewedRows(), 3);
    const { design, diagnostics } = weighted(frame, marginsOf(3, A, population), { method: 'poststratify' });
    expect(diagnostics).toMatchObject({ method: 'poststratify', converged: true, sweeps: 1 });
    const { byCell } = weightedTotals(design, frame, A);
    for (let d = 0; d < 3; d++) {
      for (let s = 0; s < 2; s++) for (let a = 0; a < A; a++) expect(byCell[cellIndex(d, s, a, A)]).toBeCloseTo(population(d, s, a), 9);
    }
  });

  test('a supplied weight column replaces the start weights', () => {
    const rows: Row[] = fullRows(1, 1).flatMap(([d, s, a]) => [[d, s, a, 1], [d, s, a, 3]] as Row[]);
    const { design } = weighted(frameOf(rows, 1), marginsOf(1, 1, () => 400), { method: 'poststratify' });
    // Within a cell the calibrated weights keep the supplied 1 : 3 ratio.
    expect(Array.from(design.weights)).toEqual([100, 300, 100, 300]);
  });
});

describe('without population figures', () => {
  test('every respondent with a district weighs 1 and the weighting says unweighted', () => {
    const rows: Row[] = [[0, -1, -1], [1, 0, 2], [-1, 1, 0], [1, 1, 1]];
    const { design, diagnostics } = weighted(frameOf(rows, 2), null);
    expect(Array.from(design.index)).toEqual([0, 1, 3]);
    expect(Array.from(design.weights)).toEqual([1, 1, 1]);
    expect(design.calibration).toBeNull();
    expect(diagnostics).toMatchObject({ method: 'none', excluded: 1, kishDeff: 1, sweeps: 0 });
    expect(diagnostics.excludedBy.district).toBe(1);
  });

  test('a supplied weight column is used as it is', () => {
    const { design, diagnostics } = weighted(frameOf([[0, 0, 0, 2], [0, 1, 0, 6]], 1), null);
    expect(Array.from(design.weights)).toEqual([2, 6]);
    expect(diagnostics.method).toBe('supplied');
    expect(diagnostics.kishDeff).toBeCloseTo((2 * 40) / 64, 15);
  });
});

describe('respondents that cannot be weighted', () => {
  test('respondents missing sex or age, or in a district without figures, are excluded and counted', () => {
    const rows: Row[] = [...fullRows(2, A), [0, -1, 1], [0, 1, -1], [1, -1, -1], [2, 0, 0], [2, 1, 1], [5, 0, 0]];
    const margins = marginsOf(3, A, (d, s, a) => (d === 2 ? NaN : population(d, s, a)));
    const { design, diagnostics } = weighted(frameOf(rows, 3), margins);
    expect(diagnostics.respondents).toBe(12);
    expect(diagnostics.excluded).toBe(6);
    expect(diagnostics.excludedBy).toEqual({ district: 1, figures: 2, sex: 2, ageGroup: 1, weight: 0, margin: 0 });
    expect(diagnostics.districtsWithoutRespondents).toEqual([2]);
    expect(Array.from(design.index)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  test('respondents in a cell without population are excluded', () => {
    const rows: Row[] = [...fullRows(1, 2, 2), [0, 0, 2]];
    const margins = marginsOf(1, 3, (_d, _s, a) => (a === 2 ? 0 : 500));
    const { diagnostics } = weighted(frameOf(rows, 1), margins);
    expect(diagnostics.excludedBy.margin).toBe(1);
  });

  test('respondents without a usable supplied weight are excluded', () => {
    const rows: Row[] = [[0, 0, 0, 1], [0, 1, 0, 0], [0, 1, 0, 2], [0, 0, 0, NaN]];
    const { diagnostics } = weighted(frameOf(rows, 1), marginsOf(1, 1, () => 50));
    expect(diagnostics.excludedBy.weight).toBe(2);
  });

  test('a district with one respondent is reported as a singleton stratum', () => {
    const rows: Row[] = [...fullRows(1, 1, 3), [1, 0, 0]];
    const margins = marginsOf(2, 1, (d, s) => (d === 1 && s === 1 ? 0 : 100));
    const { diagnostics } = weighted(frameOf(rows, 2), margins);
    expect(diagnostics.singletonStrata).toEqual([1]);
  });

  test('margins for other districts than the frame are a programming error', () => {
    expect(() => weight(frameOf([[0, 0, 0]], 1), marginsOf(2, 1, () => 1))).toThrow(RangeError);
  });
});

describe('empty cells', () => {
  // District 0 has no respondent in age groups 0 and 1 of men, and none aged 2 at all.
  const rows: Row[] = [[0, 0, 0], [0, 1, 0], [0, 1, 1], [0, 0, 1], [0, 0, 3], [0, 1, 3]];
  const margins = marginsOf(1, 4, () => 100);

  test('an empty cell is a failure that lists it', () => {
    expect(weight(frameOf(rows, 1), margins)).toEqual({ ok: false, problem: { code: 'empty_cells', cells: [{ district: 0, ageGroup: 2, population: 200 }] } });
  });

  test('raking merges the empty age group with its younger neighbour, for both sexes', () => {
    const { diagnostics } = weighted(frameOf(rows, 1), margins, { collapseEmptyCells: true });
    expect(diagnostics.collapsed).toEqual([{ district: 0, sex: null, ageGroups: [1, 2] }]);
  });

  test('post-stratification merges within the same sex, the youngest group with the older one', () => {
    const cells: Row[] = [[0, 0, 1], [0, 0, 2], [0, 0, 3], [0, 1, 0], [0, 1, 1], [0, 1, 3]];
    const { design, diagnostics } = weighted(frameOf(cells, 1), margins, { method: 'poststratify', collapseEmptyCells: true });
    expect(diagnostics.collapsed).toEqual([
      { district: 0, sex: 0, ageGroups: [0, 1] },
      { district: 0, sex: 1, ageGroups: [1, 2] },
    ]);
    expect(design.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(800, 9);
  });

  test('merging age groups cannot make up for a sex without respondents', () => {
    const onlyWomen: Row[] = [[0, 1, 0], [0, 1, 1]];
    const expected = { ok: false, problem: { code: 'empty_cells', cells: [{ district: 0, sex: 0, population: 200 }] } };
    expect(weight(frameOf(onlyWomen, 1), marginsOf(1, 2, () => 100), { collapseEmptyCells: true })).toEqual(expected);
    expect(weight(frameOf(onlyWomen, 1), marginsOf(1, 2, () => 100), { method: 'poststratify', collapseEmptyCells: true })).toEqual(expected);
  });
});

describe('trimming', () => {
  test('trimming that the margins do not allow stops early and says so, with the margins still met', () => {
    // Two young respondents must carry half the population: no cap at 1.5 x the mean can hold.
    const rows: Row[] = [[0, 0, 0], [0, 1, 0], ...Array.from({ length: 18 }, (_, k): Row => [0, k % 2, 1])];
    const frame = frameOf(rows, 1);
    const { design, diagnostics } = weighted(frame, marginsOf(1, 2, () => 500), { maxWeightRatio: 1.5 });
    expect(diagnostics.trimConverged).toBe(false);
    expect(diagnostics.trimRounds).toBeLessThan(5);
    expect(diagnostics.capped).toBe(2);
    const { byAge } = weightedTotals(design, frame, 2);
    expect(byAge[0]).toBeCloseTo(1000, 6);
  });

  test('without trimming nothing is capped', () => {
    const { diagnostics } = weighted(frameOf(skewedRows(), 3), marginsOf(3, A, population));
    expect(diagnostics).toMatchObject({ capped: 0, trimRounds: 1, trimConverged: true });
  });
});

test('diagnostics summarise the weights', () => {
  const frame = frameOf(skewedRows(), 3);
  const { design, diagnostics } = weighted(frame, marginsOf(3, A, population));
  const w = Array.from(design.weights);
  expect(diagnostics.weightMin).toBe(Math.min(...w));
  expect(diagnostics.weightMax).toBe(Math.max(...w));
  expect(diagnostics.weightMean).toBeCloseTo(w.reduce((a, b) => a + b) / w.length, 9);
  const sum = w.reduce((a, b) => a + b);
  expect(diagnostics.kishDeff).toBeCloseTo((w.length * w.reduce((a, b) => a + b * b, 0)) / (sum * sum), 12);
  expect(diagnostics.kishDeffByDistrict).toHaveLength(3);
});

describe('population figures that cannot be right', () => {
  test('figures for every cell above its respondents give no implausible cell', () => {
    expect(weighted(frameOf(skewedRows(), 3), marginsOf(3, A, population)).diagnostics.implausibleCells).toEqual([]);
  });

  test('a sex margin with fewer residents than respondents is named with its residents, respondents and smallest weight', () => {
    const frame = frameOf(skewedRows(), 3);
    const women = skewedRows().filter(([d, s]) => d === 1 && s === 1).length;
    // district 1's women: 12 residents in all, fewer than the women who answered
    const { diagnostics } = weighted(frame, marginsOf(3, A, (d, s, a) => (d === 1 && s === 1 ? 4 : population(d, s, a))));
    expect(women).toBeGreaterThan(12);
    expect(diagnostics.implausibleCells).toHaveLength(1);
    expect(diagnostics.implausibleCells[0]).toMatchObject({ district: 1, sex: 1, population: 12, respondents: women });
    expect(diagnostics.implausibleCells[0].weight).toBeLessThan(1);
    expect(diagnostics.implausibleCells[0]).not.toHaveProperty('ageGroup');
  });

  test('raking names a given cross-table cell with fewer residents than respondents (0), not a cell derived from margins (r34, F6)', () => {
    const rows = skewedRows();
    const respondents = rows.filter(([d, s, a]) => d === 2 && s === 0 && a === 1).length;
    const zero = marginsOf(3, A, (d, s, a) => (d === 2 && s === 0 && a === 1 ? 0 : population(d, s, a)));
    const given = weighted(frameOf(rows, 3), { ...zero, givenCells: Uint8Array.of(1, 1, 1) }).diagnostics.implausibleCells;
    expect(given).toEqual([expect.objectContaining({ district: 2, sex: 0, ageGroup: 1, population: 0, respondents })]);
    // the same figures as a table derived from margins (district 2's not given) or without the flags: nothing to judge
    expect(weighted(frameOf(rows, 3), { ...zero, givenCells: Uint8Array.of(1, 1, 0) }).diagnostics.implausibleCells).toEqual([]);
    expect(weighted(frameOf(rows, 3), zero).diagnostics.implausibleCells).toEqual([]);
  });

  test('raking that must push a joint cell below a weight of 1 names that cell, which has no figure of its own', () => {
    // 90 young men answered among 100 men and 100 young residents: the other cells take the rest
    const rows: Row[] = [...Array(90).fill([0, 0, 0]), ...Array(5).fill([0, 0, 1]), ...Array(5).fill([0, 1, 0]), ...Array(5).fill([0, 1, 1])];
    const { diagnostics } = weighted(frameOf(rows, 1), marginsOf(1, 2, () => 50));
    expect(diagnostics.implausibleCells).toHaveLength(1);
    const [cell] = diagnostics.implausibleCells;
    expect(cell).toMatchObject({ district: 0, sex: 0, ageGroup: 0, respondents: 90 });
    expect(cell).not.toHaveProperty('population');
    expect(cell.weight).toBeLessThan(1);
  });

  test('post-stratification names the cell with fewer residents than respondents, with its figure', () => {
    const frame = frameOf(skewedRows(), 3);
    const respondents = skewedRows().filter(([d, s, a]) => d === 2 && s === 0 && a === 1).length;
    const { diagnostics } = weighted(frame, marginsOf(3, A, (d, s, a) => (d === 2 && s === 0 && a === 1 ? 1 : population(d, s, a))), { method: 'poststratify' });
    expect(diagnostics.implausibleCells).toEqual([{ district: 2, sex: 0, ageGroup: 1, population: 1, respondents, weight: 1 / respondents }]);
  });
});
