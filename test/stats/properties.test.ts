// Properties any weighted estimator must keep, on generated waves (fast-check).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { PopulationMargins, SurveyFrame } from '../../src/stats/design.js';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains, type DomainEstimates, type IndicatorType } from '../../src/stats/estimate.js';
import { frameOf, fullRows, marginsOf, randomStream, weighted, weightedTotals, type Row } from './fixtures.js';

interface Wave {
  frame: SurveyFrame;
  margins: PopulationMargins;
  /** per frame row, NaN = missing */
  y: Float64Array;
  type: IndicatorType;
  seed: number;
}

/** A wave in which every district x sex x age cell has a respondent, so calibration always works. */
const waves = fc
  .record({ districts: fc.integer({ min: 1, max: 4 }), ageGroups: fc.integer({ min: 1, max: 3 }), type: fc.constantFrom<IndicatorType>('share', 'mean'), seed: fc.integer() })
  .chain(({ districts, ageGroups, type, seed }) =>
    fc.record({
      extra: fc.array(fc.tuple(fc.nat(districts - 1), fc.nat(1), fc.nat(ageGroups - 1)), { maxLength: 80 }),
      population: fc.array(fc.integer({ min: 20, max: 20000 }), { minLength: districts * 2 * ageGroups, maxLength: districts * 2 * ageGroups }),
    }).map(({ extra, population }): Wave => {
      const rows: Row[] = [...fullRows(districts, ageGroups, 2), ...extra];
      const next = randomStream(seed);
      const y = Float64Array.from(rows, () => (next() < 0.1 ? NaN : type === 'share' ? (next() < 0.35 ? 1 : 0) : Math.round(next() * 100) / 10));
      const margins = marginsOf(districts, ageGroups, (d, s, a) => population[(d * 2 + s) * ageGroups + a]);
      return { frame: frameOf(rows, districts), margins, y, type, seed };
    }),
  );

function estimates(wave: Wave, frame = wave.frame, margins: PopulationMargins | null = wave.margins, y = wave.y): DomainEstimates {
  const { design } = weighted(frame, margins);
  return estimateDomains(design, designValues(design, y), wave.type, { thresholds: { minCell: 1 } });
}

/**
 * Same numbers per domain, up to rounding (raking may stop one sweep apart): estimates to 1e-10, SEs to 1e-8
 * relative; an SE that is zero in exact arithmetic (y fixed by a calibration cell) is rounding noise near
 * 1e-18, so it is held to 1e-15.
 */
function expectSameEstimates(a: DomainEstimates, b: DomainEstimates) {
  [...a.districts.map((e, h) => [e, b.districts[h]] as const), [a.total, b.total] as const].forEach(([x, y]) => {
    expect(x.n).toBe(y.n);
    expect(Math.abs(x.estimate! - y.estimate!)).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(x.se! - y.se!)).toBeLessThanOrEqual(Math.max(1e-8 * x.se!, 1e-15));
  });
}

/** The y values of the valid respondents of district h, or of everyone. */
function validValues(wave: Wave, district?: number): number[] {
  return Array.from(wave.y).filter((v, i) => !Number.isNaN(v) && (district === undefined || wave.frame.district[i] === district));
}

describe('properties of weighted estimates', () => {
  test('weighted estimates lie within the range of the data', () => {
    fc.assert(
      fc.property(waves, (wave) => {
        const result = estimates(wave);
        const within = (estimate: number | null, values: number[]) => {
          if (values.length === 0) return expect(estimate).toBeNull();
          expect(estimate!).toBeGreaterThanOrEqual(Math.min(...values) - 1e-12);
          expect(estimate!).toBeLessThanOrEqual(Math.max(...values) + 1e-12);
        };
        result.districts.forEach((e, h) => {
          within(e.estimate, validValues(wave, h));
        });
        within(result.total.estimate, validValues(wave));
      }),
    );
  });

  test('equal weights give the plain mean', () => {
    fc.assert(
      fc.property(waves, (wave) => {
        const result = estimates(wave, wave.frame, null);
        result.districts.forEach((e, h) => {
          const values = validValues(wave, h);
          if (values.length > 0) expect(e.estimate!).toBeCloseTo(values.reduce((a, b) => a + b) / values.length, 12);
        });
      }),
    );
  });

  test('scaling all weights changes nothing', () => {
    fc.assert(
      fc.property(waves, fc.double({ min: 0.001, max: 1000, noNaN: true }), (wave, factor) => {
        const supplied = Float64Array.from({ length: wave.frame.n }, (_, i) => 1 + ((i * 37 + wave.seed) & 7));
        const scaled = supplied.map((w) => w * factor);
        expectSameEstimates(estimates(wave, { ...wave.frame, weight: supplied }, null), estimates(wave, { ...wave.frame, weight: scaled }, null));
        const bigger = { ...wave.margins, cells: wave.margins.cells.map((N) => N * factor) };
        expectSameEstimates(estimates(wave), estimates(wave, wave.frame, bigger));
      }),
    );
  });

  test('raked weights reproduce every margin', () => {
    fc.assert(
      fc.property(waves, (wave) => {
        const { design } = weighted(wave.frame, wave.margins);
        const A = wave.margins.ageGroupCount;
        const { bySex, byAge } = weightedTotals(design, wave.frame, A);
        const N = (d: number, s: number, a: number) => wave.margins.cells[(d * 2 + s) * A + a];
        for (let d = 0; d < wave.frame.districtCount; d++) {
          for (let s = 0; s < 2; s++) {
            let total = 0;
            for (let a = 0; a < A; a++) total += N(d, s, a);
            expect(Math.abs(bySex[d * 2 + s] - total)).toBeLessThanOrEqual(1e-9 * total);
          }
          for (let a = 0; a < A; a++) {
            const total = N(d, 0, a) + N(d, 1, a);
            expect(Math.abs(byAge[d * A + a] - total)).toBeLessThanOrEqual(1e-9 * total);
          }
        }
      }),
    );
  });

  test('per-cell sums and respondent-by-respondent passes give the same numbers and influence values', () => {
    fc.assert(
      fc.property(waves, fc.constantFrom<'rake' | 'poststratify'>('rake', 'poststratify'), fc.boolean(), (wave, method, trimmed) => {
        const { design } = weighted(wave.frame, wave.margins, { method, ...(trimmed ? { maxWeightRatio: 1.5 } : {}) });
        expect(design.calibration?.cellWeights).not.toBeNull();
        const y = designValues(design, wave.y);
        const options = { thresholds: { minCell: 1 }, returnInfluence: true };
        const cells = estimateDomains(design, y, wave.type, options);
        const rows = estimateDomains(design, y, wave.type, { ...options, byRespondent: true });
        expectSameEstimates(cells, rows);
        for (const key of ['district', 'total'] as const) {
          const scale = Math.max(1e-300, ...Array.from(rows.influence![key], Math.abs));
          cells.influence![key].forEach((z, i) => {
            expect(Math.abs(z - rows.influence![key][i])).toBeLessThanOrEqual(1e-9 * scale);
          });
        }
      }),
    );
  });

  test('a supplied weight column that varies within cells is estimated respondent by respondent', () => {
    fc.assert(
      fc.property(waves, (wave) => {
        const supplied = Float64Array.from({ length: wave.frame.n }, (_, i) => 1 + ((i * 37 + wave.seed) & 7));
        const { design } = weighted({ ...wave.frame, weight: supplied }, wave.margins);
        const varies = Array.from(design.weights).some((w, i) => design.calibration!.cell.some((c, k) => c === design.calibration!.cell[i] && design.weights[k] !== w));
        expect(design.calibration!.cellWeights === null).toBe(varies);
      }),
    );
  });

  test('reordering respondents changes nothing', () => {
    fc.assert(
      fc.property(waves, fc.integer(), (wave, shuffleSeed) => {
        const order = Array.from({ length: wave.frame.n }, (_, i) => i);
        const next = randomStream(shuffleSeed);
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(next() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        const pick = <T extends Int32Array | Float64Array>(values: T): T => values.map((_, k) => values[order[k]]) as T;
        const frame = { ...wave.frame, district: pick(wave.frame.district), sex: pick(wave.frame.sex), ageGroup: pick(wave.frame.ageGroup) };
        expectSameEstimates(estimates(wave), estimates(wave, frame, wave.margins, pick(wave.y)));
      }),
    );
  });
});
