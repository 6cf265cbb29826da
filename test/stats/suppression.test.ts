// Secondary suppression (finding 16): a district withheld for too few answers cannot be worked out from the
// whole area, the shown districts and the population file once its complementary districts are withheld too.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { designValues } from '../../src/stats/design.js';
import { estimateDomains, type DomainEstimates } from '../../src/stats/estimate.js';
import { complementaryDistricts, protectDistricts, protectShares, type DistrictCell } from '../../src/stats/suppression.js';
import { frameOf, marginsOf, randomStream, weighted, type Row } from './fixtures.js';

const SHARES = { minCell: 10, bounds: [0, 1] as const };

/** A raked wave with `sizes[d]` respondents in district d (at least one of each sex) and a 0/1 answer each. */
function wave(sizes: number[], seed: number, share = 0.3) {
  const next = randomStream(seed);
  const rows: Row[] = sizes.flatMap((size, d) => Array.from({ length: size }, (_, k): Row => [d, k % 2, 0]));
  const frame = frameOf(rows, sizes.length);
  const { design } = weighted(frame, marginsOf(sizes.length, 1, (d, s) => 400 + 150 * d + 50 * s));
  const y = designValues(design, Float64Array.from(rows, () => (next() < share ? 1 : 0)));
  return { design, y };
}

/** Rank of a matrix (rows of numbers), by Gaussian elimination with partial pivoting. */
function rank(matrix: number[][]): number {
  const rows = matrix.map((row) => row.slice());
  let r = 0;
  for (let c = 0; c < (rows[0]?.length ?? 0) && r < rows.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i][c]) > Math.abs(rows[pivot][c])) pivot = i;
    if (Math.abs(rows[pivot][c]) < 1e-9) continue;
    [rows[r], rows[pivot]] = [rows[pivot], rows[r]];
    for (let i = r + 1; i < rows.length; i++) {
      const factor = rows[i][c] / rows[r][c];
      for (let j = c; j < rows[i].length; j++) rows[i][j] -= factor * rows[r][j];
    }
    r++;
  }
  return r;
}

/**
 * What a reader can do with the published numbers: the whole area is the weighted mean of its districts,
 * so the withheld districts with answers (the unknowns) satisfy one linear equation a . x = rhs, with a their
 * weights (the population file). A district is recovered exactly when its unit vector lies in the row space of
 * the system, or when the bounds of a share leave it a single value.
 */
function readerSystem(domains: DomainEstimates) {
  const W = domains.districtWeights;
  const unknowns = domains.districts.flatMap((e, h) => (e.estimate === null && W[h] > 0 ? [h] : []));
  const totalWeight = domains.districts.reduce((sum, _, h) => sum + W[h], 0);
  const shown = domains.districts.reduce((sum, e, h) => sum + (e.estimate === null ? 0 : W[h] * e.estimate), 0);
  const equations = domains.total.estimate === null ? [] : [{ a: unknowns.map((h) => W[h]), rhs: domains.total.estimate * totalWeight - shown }];
  const recoverable = (h: number) => {
    const k = unknowns.indexOf(h);
    const unit = unknowns.map((_, j) => (j === k ? 1 : 0));
    const A = equations.map((e) => e.a);
    return A.length > 0 && rank([...A, unit]) === rank(A);
  };
  /** The values the share of district h can take given the equation and 0 <= x <= 1 for every unknown. */
  const feasible = (h: number): [number, number] => {
    if (equations.length === 0) return [0, 1];
    const others = unknowns.filter((j) => j !== h).reduce((sum, j) => sum + W[j], 0);
    const { rhs } = equations[0];
    return [Math.max(0, (rhs - others) / W[h]), Math.min(1, rhs / W[h])];
  };
  return { unknowns, recoverable, feasible };
}

describe('the threat: primary suppression alone is undone by subtraction', () => {
  test('a district with 8 answers shown as "–" follows exactly from the whole area, the other districts and the populations', () => {
    const { design, y } = wave([8, 40, 55, 70], 7);
    const published = estimateDomains(design, y, 'share');
    const truth = estimateDomains(design, y, 'share', { thresholds: { minCell: 1 } });
    expect(published.districts[0]).toMatchObject({ estimate: null, flag: 'suppressed', suppression: 'primary', n: 8 });
    const reader = readerSystem(published);
    expect(reader.unknowns).toEqual([0]);
    expect(reader.recoverable(0)).toBe(true);
    const [low, high] = reader.feasible(0);
    expect(low).toBeCloseTo(truth.districts[0].estimate!, 12);
    expect(high).toBeCloseTo(truth.districts[0].estimate!, 12);
  });
});

describe('the rule', () => {
  const cell = (n: number, estimate: number | null, weight = 1000): DistrictCell => ({ n, estimate, weight });

  test('withholds the shown district with the fewest answers until the group has two districts and min_cell answers', () => {
    const districts = [cell(4, null), cell(50, 0.2), cell(3, null, 500), cell(30, 0.4), cell(12, 0.3), cell(12, 0.5, 800)];
    // 4 + 3 answers are not enough on their own: the 12-answer district with the smaller weight goes first.
    expect(complementaryDistricts(districts, 0.3, SHARES)).toEqual([5]);
    expect(complementaryDistricts([cell(4, null), cell(50, 0.2), cell(30, 0.4), cell(12, 0.3)], 0.3, SHARES)).toEqual([3]);
  });

  test('two primarily suppressed districts with min_cell answers together need nothing more', () => {
    expect(complementaryDistricts([cell(6, null), cell(7, null), cell(50, 0.2)], 0.25, SHARES)).toEqual([]);
  });

  test('a group at 0% (or 100%) would put every district of it there: the next district joins it', () => {
    // With district 1 the group's combined share is (0.075 * 4000 - 0.15 * 2000) / 2000 = 0: both would be 0%.
    const districts = [cell(5, null), cell(12, 0), cell(60, 0.15), cell(40, 0.15)];
    expect(complementaryDistricts(districts, 0.075, SHARES)).toEqual([1, 3]);
    // A mean has no bounds to reveal anything.
    expect(complementaryDistricts(districts, 0.075, { minCell: 10 })).toEqual([1]);
  });

  test('the bounds leave a primarily suppressed district a wide range, not only the group a combined value (adversarial run r18b, F2)', () => {
    // Alpha 97.4% and Gamma (4 answers, all "often") withheld, Beta 30% and the whole area 75.8% shown: before,
    // Alpha + Gamma = 3 x 75.8 - 30 = 197.4 points put Gamma at 97.4% or more, so all four said "often".
    const districts = [cell(40, 0.974), cell(40, 0.3), cell(4, null)];
    const whole = (0.974 + 0.3 + 1) / 3;
    expect(complementaryDistricts(districts, whole, SHARES)).toEqual([0, 1]);
    // a group whose values leave the small district a wide range needs no more than before
    expect(complementaryDistricts([cell(40, 0.5), cell(40, 0.3), cell(4, null)], (0.5 + 0.3 + 0.5) / 3, SHARES)).toEqual([0]);
  });

  test('when the whole area is at a bound, every district is, and nothing more is withheld for it', () => {
    expect(complementaryDistricts([cell(5, null), cell(12, 0), cell(60, 0)], 0, SHARES)).toEqual([1]);
  });

  test('districts without answers need no protection, and nothing is needed without a primary suppression or a shown whole area', () => {
    expect(complementaryDistricts([cell(0, null, 0), cell(50, 0.2), cell(30, 0.4)], 0.3, SHARES)).toEqual([]);
    expect(complementaryDistricts([cell(50, 0.2), cell(30, 0.4)], 0.3, SHARES)).toEqual([]);
    expect(complementaryDistricts([cell(5, null), cell(30, 0.4)], null, SHARES)).toEqual([]);
  });

  test('complementary districts are marked so JSON consumers can tell them from primary ones', () => {
    const { design, y } = wave([8, 40, 12, 70], 3);
    const result = protectDistricts(estimateDomains(design, y, 'share'), SHARES);
    expect(result.districts.map((e) => [e.flag, e.suppression ?? null])).toEqual([
      ['suppressed', 'primary'],
      [expect.any(String), null],
      ['suppressed', 'secondary'],
      [expect.any(String), null],
    ]);
    expect(result.districts[2]).toMatchObject({ estimate: null, se: null, ciLow: null, ciHigh: null, nEff: null, deff: null, n: 12 });
    expect(result.total.estimate).not.toBeNull();
  });
});

describe('the proof: after the rule no withheld district can be recovered by subtraction', () => {
  const waves = fc.record({
    sizes: fc.array(fc.oneof(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 10, max: 60 })), { minLength: 2, maxLength: 8 }),
    seed: fc.integer(),
    share: fc.constantFrom(0, 0.02, 0.3, 0.9, 1),
  });

  test('every withheld district with answers is left free by the reader system, within the bounds too', () => {
    fc.assert(
      fc.property(waves, ({ sizes, seed, share }) => {
        const { design, y } = wave(sizes, seed, share);
        const raw = estimateDomains(design, y, 'share');
        // The reader's equation is the estimator's own: the whole area is the weighted mean of its districts.
        const truth = estimateDomains(design, y, 'share', { thresholds: { minCell: 1 } });
        const W = raw.districtWeights;
        const mean = truth.districts.reduce((sum, e, h) => sum + W[h] * e.estimate!, 0) / W.reduce((a, b) => a + b, 0);
        expect(Math.abs(mean - truth.total.estimate!)).toBeLessThan(1e-12);

        const result = protectDistricts(raw, SHARES);
        const reader = readerSystem(result);
        if (result.total.estimate === null || !raw.districts.some((e) => e.suppression === 'primary' && e.n > 0)) {
          expect(result).toBe(raw);
          return;
        }
        const wholeAtBound = result.total.estimate <= 1e-12 || result.total.estimate >= 1 - 1e-12;
        expect(reader.unknowns.length).toBeGreaterThanOrEqual(2);
        expect(reader.unknowns.reduce((sum, h) => sum + result.districts[h].n, 0)).toBeGreaterThanOrEqual(SHARES.minCell);
        // the range the whole area alone would leave a district (every district withheld)
        const totalWeight = W.reduce((a, b) => a + b, 0);
        const alone = (h: number) => Math.min(1, (result.total.estimate! * totalWeight) / W[h]) - Math.max(0, (result.total.estimate! * totalWeight - (totalWeight - W[h])) / W[h]);
        for (const h of reader.unknowns) {
          expect(reader.recoverable(h)).toBe(false);
          const [low, high] = reader.feasible(h);
          if (!wholeAtBound) expect(high - low).toBeGreaterThan(1e-9);
          // rule 4: a primarily suppressed district keeps half the range, or half of what the whole area alone leaves it
          if (!wholeAtBound && result.districts[h].suppression === 'primary') expect(high - low).toBeGreaterThanOrEqual(Math.min(0.5, alone(h) / 2) - 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('shares of one item are protected together (docs/methods.md section 6.1, rule 5)', () => {
  /** A raked wave as above, with an answer code 1-5 per respondent from `answer(d, k)`. */
  function coded(sizes: number[], answer: (d: number, k: number) => number) {
    const rows: Row[] = sizes.flatMap((size, d) => Array.from({ length: size }, (_, k): Row => [d, k % 2, 0]));
    const codes = sizes.flatMap((size, d) => Array.from({ length: size }, (_, k) => answer(d, k)));
    const { design } = weighted(frameOf(rows, sizes.length), marginsOf(sizes.length, 1, (d, s) => 400 + 150 * d + 50 * s));
    const share = (values: number[]) => estimateDomains(design, designValues(design, Float64Array.from(codes, (code) => (values.includes(code) ? 1 : 0))), 'share');
    return { share };
  }
  /** The withheld group's combined share, as a reader works it out from the whole area and the shown districts. */
  const groupValue = (domains: DomainEstimates) => {
    const W = domains.districtWeights;
    const total = W.reduce((a, b) => a + b, 0);
    const shown = domains.districts.reduce((sum, e, h) => sum + (e.estimate === null ? 0 : W[h] * e.estimate), 0);
    const hidden = domains.districts.reduce((sum, e, h) => sum + (e.estimate === null ? W[h] : 0), 0);
    return (domains.total.estimate! * total - shown) / hidden;
  };

  test('two nested shares withheld for one group do not tell that no one of it gave the codes between (adversarial run r19b, F1)', () => {
    // Gamma (12) and Delta (5 answers) answer only 1, 2 or 4: unsafe_general (3-5) minus unsafe_often (4-5) over
    // their group is the share answering 3, which was 0: none of Delta's respondents said "sometimes".
    const pattern = [1, 2, 4, 3, 5, 2, 1, 4, 3, 2];
    const { share } = coded([60, 50, 45, 12, 5], (d, k) => (d === 3 ? [1, 2, 4][k % 3] : d === 4 ? [1, 4, 2, 1, 4][k] : pattern[(k * 7 + d) % 10]));
    const general = share([3, 4, 5]);
    const often = share([4, 5]);
    const alone = [protectDistricts(general, SHARES), protectDistricts(often, SHARES)];
    expect(alone.map((d) => d.districts.map((e) => e.estimate === null))).toEqual([Array(5).fill(false).map((_, h) => h >= 3), Array(5).fill(false).map((_, h) => h >= 3)]);
    expect(groupValue(alone[0]) - groupValue(alone[1])).toBeCloseTo(0, 12);
    const together = protectShares([{ domains: general, codes: [3, 4, 5] }, { domains: often, codes: [4, 5] }], SHARES.minCell);
    const withheld = together.map((d) => d.districts.flatMap((e, h) => (e.estimate === null ? [h] : [])));
    // the same districts withheld in both, and the group's share answering 3 no longer at 0%
    expect(withheld[0]).toEqual(withheld[1]);
    expect(withheld[0].length).toBeGreaterThan(2);
    expect(groupValue(together[0]) - groupValue(together[1])).toBeGreaterThan(1e-9);
    expect(together[0].districts[withheld[0][2]].suppression).toBe('secondary');
  });

  test('for random waves, nested shares are withheld alike and their difference never puts the withheld group at 0% or 100%', () => {
    const waves = fc.record({
      sizes: fc.array(fc.oneof(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 10, max: 60 })), { minLength: 2, maxLength: 8 }),
      seed: fc.integer(),
      middle: fc.constantFrom(0, 0.05, 0.3),
    });
    fc.assert(
      fc.property(waves, ({ sizes, seed, middle }) => {
        const next = randomStream(seed);
        // code 3 is rare or absent: the difference of the two shares is near or at 0%
        const { share } = coded(sizes, () => (next() < middle ? 3 : next() < 0.5 ? 1 + Math.floor(next() * 2) : 4 + Math.floor(next() * 2)));
        const [general, often] = protectShares([{ domains: share([3, 4, 5]), codes: [3, 4, 5] }, { domains: share([4, 5]), codes: [4, 5] }], SHARES.minCell);
        const withheld = (d: DomainEstimates) => d.districts.flatMap((e, h) => (e.estimate === null && d.districtWeights[h] > 0 ? [h] : []));
        expect(withheld(general)).toEqual(withheld(often));
        if (general.total.estimate === null || often.total.estimate === null || withheld(general).length === 0) return;
        if (!general.districts.some((e) => e.suppression === 'primary' && e.n > 0)) return;
        const wholeDifference = general.total.estimate - often.total.estimate;
        if (wholeDifference <= 1e-12 || wholeDifference >= 1 - 1e-12) return;
        const difference = groupValue(general) - groupValue(often);
        expect(difference).toBeGreaterThan(1e-9);
        expect(difference).toBeLessThan(1 - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  test('shares withheld for different districts are withheld for the union, and one share alone is as before', () => {
    const { share } = coded([8, 40, 12, 70], (d, k) => 1 + ((k * 3 + d) % 5));
    const a = share([1]);
    const b = share([5]);
    const together = protectShares([{ domains: a, codes: [1] }, { domains: b, codes: [5] }], SHARES.minCell);
    const withheld = together.map((d) => d.districts.flatMap((e, h) => (e.estimate === null ? [h] : [])));
    expect(withheld[0]).toEqual(withheld[1]);
    expect(protectShares([{ domains: a, codes: [1] }], SHARES.minCell)).toEqual([protectDistricts(a, SHARES)]);
  });
});
