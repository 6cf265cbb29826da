// Secondary (complementary) suppression, docs/methods.md section 6.1: a district withheld for too few answers
// must not be recoverable by subtraction from the whole area and the districts that are shown.
import type { DomainEstimates, Estimate } from './estimate.js';
import type { Suppression } from './flags.js';
import { present } from '../invariant.js';

export type { Suppression };

/** What a reader knows of one district of one indicator. */
export interface DistrictCell {
  /** respondents with a valid answer (published even when the estimate is withheld) */
  n: number;
  /** null when withheld */
  estimate: number | null;
  /** weights of those respondents: under calibration to district margins, the district's population */
  weight: number;
}

export interface SuppressionRules {
  /** fewer answers than this: primarily suppressed (docs/methods.md section 6) */
  minCell: number;
  /** the indicator's range, [0, 1] for shares, [0, 10] for scores; absent for means without one */
  bounds?: readonly [number, number];
}

// A group estimate this close to a bound (as a share of the range) tells that every district of it is there.
const AT_BOUND = 1e-9;
/** The share of an indicator's range a primarily suppressed district's feasible values must span (rule 4). */
export const PROTECTION = 0.5;

/**
 * The districts to withhold as well, in the order the rule takes them (docs/methods.md section 6.1).
 *
 * A reader knows every shown district's estimate, the whole area's estimate T and each district's weight
 * total W (the population file gives it), and the whole area is the weighted mean of its districts, so the
 * withheld districts S satisfy one linear equation: sum_{s in S} W_s x_s = T sum_h W_h - sum_{shown} W_h est_h.
 * With one unknown that equation gives it exactly. So, when a district is primarily suppressed
 * (0 < n < min_cell) and the whole area is shown, the withheld group grows by one shown district at a time,
 * the one with the fewest answers first (ties: the smaller weight, then the earlier district), until
 *   1. it holds at least two districts with answers: the one equation then leaves each of them free;
 *   2. its answers together reach min_cell: the group's combined estimate (the equation divided by sum W_s)
 *      is itself published, so it must be a cell the primary rule allows;
 *   3. for an indicator with bounds, that combined estimate is not at a bound (a group at 0% puts every
 *      district of it at 0%), unless the whole area is: then every district is, and nothing can hide it;
 *   4. for an indicator with bounds (and the whole area not at one), the bounds leave each primarily
 *      suppressed district a wide range: the values the equation and the bounds allow it span at least
 *      PROTECTION of the indicator's range, or half of what the whole area alone leaves it, whichever is
 *      less (a group whose other districts are near 0% would otherwise put the small one near 100%: all
 *      four of its respondents said "often").
 * The districts with the fewest answers hide the fewest respondents. Districts without answers carry no
 * weight in the equation and need no protection. The rule always ends: with every district withheld the
 * group is the whole area, which is shown only with at least min_cell answers.
 */
export function complementaryDistricts(districts: ReadonlyArray<DistrictCell>, wholeArea: number | null, rules: SuppressionRules): number[] {
  const answered = (cell: DistrictCell) => cell.n > 0 && cell.weight > 0;
  const primary = districts.some((cell) => answered(cell) && cell.estimate === null && cell.n < rules.minCell);
  if (wholeArea === null || !primary) return [];

  let count = 0;
  let answers = 0;
  let weight = 0;
  let totalWeight = 0;
  let shownSum = 0;
  // the primarily suppressed districts' weights: each must keep a wide range of values (rule 4)
  const primaries: number[] = [];
  for (const cell of districts) {
    if (!answered(cell)) continue;
    totalWeight += cell.weight;
    if (cell.estimate === null) {
      count++;
      answers += cell.n;
      weight += cell.weight;
      if (cell.n < rules.minCell) primaries.push(cell.weight);
    } else shownSum += cell.weight * cell.estimate;
  }
  // The reader's right-hand side: what the withheld districts add up to, weighted.
  let remainder = wholeArea * totalWeight - shownSum;
  const bounds = rules.bounds;
  const atBound = (value: number) => bounds?.some((bound) => Math.abs(value - bound) <= AT_BOUND * (bounds[1] - bounds[0])) ?? false;
  const boundsMatter = !atBound(wholeArea);
  // Rule 4: the range a withheld district of weight w keeps when the group of weight `group` adds up to `sum`.
  const span = (w: number, sum: number, group: number) => (bounds ? feasibleSpan(w, sum, group, bounds) : Number.POSITIVE_INFINITY);
  const needed = primaries.map((w) => (bounds ? Math.min(PROTECTION * (bounds[1] - bounds[0]), span(w, wholeArea * totalWeight, totalWeight) / 2) : 0));
  const tolerance = bounds ? AT_BOUND * (bounds[1] - bounds[0]) : 0;
  const wide = () => !boundsMatter || primaries.every((w, i) => span(w, remainder, weight) >= needed[i] - tolerance);
  const safe = () => count >= 2 && answers >= rules.minCell && !(boundsMatter && atBound(remainder / weight)) && wide();

  const candidates = districts
    .flatMap((cell, index) => (answered(cell) && cell.estimate !== null ? [{ cell, index, estimate: cell.estimate }] : []))
    .sort((a, b) => a.cell.n - b.cell.n || a.cell.weight - b.cell.weight || a.index - b.index);
  const added: number[] = [];
  for (const { cell, index, estimate } of candidates) {
    if (safe()) break;
    count++;
    answers += cell.n;
    weight += cell.weight;
    remainder += cell.weight * estimate;
    added.push(index);
  }
  return added;
}

/**
 * How wide a range of values a withheld district of weight `w` keeps for a reader who knows that the withheld
 * group (weight `group`, the district's included) adds up to `sum` and that each district lies within `bounds`:
 * the others at their upper bound leave it its lowest value, at their lower bound its highest.
 */
function feasibleSpan(w: number, sum: number, group: number, [low, high]: readonly [number, number]): number {
  const lowest = Math.max(low, (sum - (group - w) * high) / w);
  const highest = Math.min(high, (sum - (group - w) * low) / w);
  return Math.max(0, highest - lowest);
}

/** One indicator's estimates with the complementary districts withheld and marked `suppression: 'secondary'`. */
export function protectDistricts(domains: DomainEstimates, rules: SuppressionRules): DomainEstimates {
  const cells = domains.districts.map((estimate, h) => ({ n: estimate.n, estimate: estimate.estimate, weight: domains.districtWeights[h] }));
  const secondary = complementaryDistricts(cells, domains.total.estimate, rules);
  if (secondary.length === 0) return domains;
  const districts = domains.districts.slice();
  for (const h of secondary) districts[h] = secondarySuppressed(districts[h]);
  return { ...domains, districts };
}

/** One share of an item among the shares of that item, with the answer codes it counts. */
export interface ShareOfItem {
  domains: DomainEstimates;
  codes: readonly number[];
}

/**
 * The shares of one item protected together (docs/methods.md section 6.1, rule 5), each one's estimates in the
 * order given. The difference of two shares of one item is itself a share of answers (of `unsafe_freq`, codes 3-5
 * minus codes 4-5 is the share answering 3), whose whole-area value and shown districts' values a reader has: so
 * the shares are withheld for the same districts, and each pair's difference must pass rules 1-4 as a share does
 * (for nested codes, a difference at 0% would tell that no one of the withheld group gave the codes between).
 */
export function protectShares(shares: ReadonlyArray<ShareOfItem>, minCell: number): DomainEstimates[] {
  const protectedShares = shares.map((share) => protectDistricts(share.domains, { minCell, bounds: [0, 1] }));
  if (shares.length < 2) return protectedShares;
  const withheld = new Set<number>();
  for (const domains of protectedShares) {
    domains.districts.forEach((estimate, h) => {
      if (estimate.estimate === null) withheld.add(h);
    });
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (let i = 0; i < shares.length; i++) {
      for (let j = i + 1; j < shares.length; j++) {
        const bounds = differenceBounds(shares[i].codes, shares[j].codes);
        if (bounds === null) continue;
        const [a, b] = [protectedShares[i], protectedShares[j]];
        const cells = a.districts.map((estimate, h) => ({
          n: Math.min(estimate.n, b.districts[h].n),
          estimate: withheld.has(h) || estimate.estimate === null || b.districts[h].estimate === null ? null : present(b.districts[h].estimate, 'a shown share') - estimate.estimate,
          weight: a.districtWeights[h],
        }));
        const whole = a.total.estimate === null || b.total.estimate === null ? null : b.total.estimate - a.total.estimate;
        for (const h of complementaryDistricts(cells, whole, { minCell, bounds })) {
          withheld.add(h);
          grew = true;
        }
      }
    }
  }
  return protectedShares.map((domains) => {
    if (!domains.districts.some((estimate, h) => withheld.has(h) && estimate.estimate !== null)) return domains;
    return { ...domains, districts: domains.districts.map((estimate, h) => (withheld.has(h) && estimate.estimate !== null ? secondarySuppressed(estimate) : estimate)) };
  });
}

/**
 * The range of share(second) - share(first) over one item's answers: [0, 1] when the second's codes hold the
 * first's, [-1, 0] the other way round, else [-1, 1]; null for the same codes (the difference is always 0).
 */
function differenceBounds(first: readonly number[], second: readonly number[]): readonly [number, number] | null {
  const firstInSecond = first.every((code) => second.includes(code));
  const secondInFirst = second.every((code) => first.includes(code));
  if (firstInSecond && secondInFirst) return null;
  return [firstInSecond ? 0 : -1, secondInFirst ? 0 : 1];
}

function secondarySuppressed(estimate: Estimate): Estimate {
  return { ...estimate, estimate: null, se: null, ciLow: null, ciHigh: null, nEff: null, deff: null, flag: 'suppressed', suppression: 'secondary' };
}
