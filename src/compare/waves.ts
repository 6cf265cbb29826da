// Change between two waves per indicator and district (and the whole area): two independent samples,
// a z-test per row, and Benjamini-Hochberg q-values over the whole family of the two waves (every indicator
// of the codebook in every district and the whole area), so a finding never changes with what is shown.
import { leftOutIn, type LeftOutWave } from '../indicators/left-out.js';
import type { IndicatorRow, WaveEstimates } from '../indicators/engine.js';
import { compareIndependent } from '../stats/index.js';
import { benjaminiHochberg } from '../stats/index.js';
import { compareNames } from '../districts.js';
import type { Flag } from '../stats/index.js';

/** A difference with its z-test, and its q-value over the family it was tested in (Benjamini-Hochberg). */
export interface TestedDifference {
  diff: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  /** Benjamini-Hochberg adjusted p over the family's testable rows */
  q: number | null;
  /** q below the false discovery rate; null when the row cannot be tested */
  significant: boolean | null;
}

export interface WaveChange extends TestedDifference {
  indicator: string;
  kind: IndicatorRow['kind'];
  /** null for the whole area */
  district: string | null;
  estimateFrom: number | null;
  estimateTo: number | null;
  flagFrom: Flag | null;
  flagTo: Flag | null;
}

export interface WaveComparison {
  from: string;
  to: string;
  fdr: number;
  /**
   * The districts with respondents in one wave only, when there are any: the whole area's two figures then rest on
   * different districts, and its change compares two areas (adversarial run r34, F1); null when they are the same.
   */
  wholeAreaApart: { onlyFrom: string[]; onlyTo: string[] } | null;
  /** the two waves' respondents left out of every weighted figure for want of population figures (adversarial run r38, F4) */
  leftOut: LeftOutWave[];
  /** testable rows of the family the q-values are adjusted over: every indicator x domain of the two waves */
  familySize: number;
  rows: WaveChange[];
}

const key = (indicator: string, district: string | null) => `${indicator}\u0000${district ?? ''}`;

/**
 * Rows for every indicator of `later` (in codebook order): districts of either wave by name, then the whole
 * area. Pass the waves' full estimates: the q-values are adjusted over every row (docs/methods.md section
 * 8.3); narrow what is shown with `only`, never before.
 */
export function compareWaves(earlier: WaveEstimates, later: WaveEstimates, fdr = 0.05): WaveComparison {
  const before = new Map<string, IndicatorRow>(earlier.rows.map((row) => [key(row.indicator, row.district), row]));
  const after = new Map<string, IndicatorRow>(later.rows.map((row) => [key(row.indicator, row.district), row]));
  const districts = [...new Set([...earlier.rows, ...later.rows].map((row) => row.district).filter((d): d is string => d !== null))].sort(compareNames);
  const indicators = [...new Set(later.rows.map((row) => row.indicator))];
  const rows: WaveChange[] = [];
  for (const indicator of indicators) {
    for (const district of [...districts, null]) {
      const a = before.get(key(indicator, district));
      const b = after.get(key(indicator, district));
      const either = a ?? b;
      if (!either) continue;
      // Two reliable estimates without sampling error (every answer alike in both waves, e.g. 0% then 100% of
      // 150 answers) differ for certain: tested, never "too few answers" (docs/methods.md 8.1).
      const certainWithoutError = a?.flag === 'ok' && b?.flag === 'ok';
      const test = compareIndependent({ estimate: a?.estimate ?? null, se: a?.se ?? null }, { estimate: b?.estimate ?? null, se: b?.se ?? null }, { certainWithoutError });
      rows.push({
        indicator,
        kind: either.kind,
        district,
        estimateFrom: a?.estimate ?? null,
        estimateTo: b?.estimate ?? null,
        flagFrom: a?.flag ?? null,
        flagTo: b?.flag ?? null,
        ...test,
        q: null,
        significant: null,
      });
    }
  }
  return { from: earlier.wave, to: later.wave, fdr, wholeAreaApart: areasApart(earlier, later), leftOut: leftOutIn([earlier, later]), familySize: adjustFamily(rows, fdr), rows };
}

/** The districts a wave's whole-area figure rests on: those with respondents (the weighting leaves the others out). */
function areaDistricts(wave: WaveEstimates): Set<string> {
  const without = new Set(wave.weighting.districtsWithoutRespondents);
  return new Set(wave.districts.filter((district) => !without.has(district)));
}

/** The districts only one of two waves' whole-area figures rests on, or null when both rest on the same. */
export function areasApart(earlier: WaveEstimates, later: WaveEstimates): WaveComparison['wholeAreaApart'] {
  const from = areaDistricts(earlier);
  const to = areaDistricts(later);
  const onlyFrom = [...from].filter((district) => !to.has(district)).sort(compareNames);
  const onlyTo = [...to].filter((district) => !from.has(district)).sort(compareNames);
  return onlyFrom.length === 0 && onlyTo.length === 0 ? null : { onlyFrom, onlyTo };
}

/**
 * Sets every row's q-value (Benjamini-Hochberg over all the rows, docs/methods.md section 8.3) and whether it is
 * significant at the false discovery rate; returns the family's size, its testable rows.
 */
export function adjustFamily(rows: TestedDifference[], fdr: number): number {
  const q = benjaminiHochberg(rows.map((row) => row.p));
  rows.forEach((row, i) => {
    const qValue = q[i];
    row.q = qValue;
    row.significant = qValue === null ? null : qValue < fdr;
  });
  return q.filter((value) => value !== null).length;
}

/** Some rows of a comparison, their q-values still those of the whole family. */
export function onlyChanges(comparison: WaveComparison, keep: (row: WaveChange) => boolean): WaveComparison {
  return { ...comparison, rows: comparison.rows.filter(keep) };
}

/**
 * The `count` tested rows with the strongest evidence of a change (smallest p, so also smallest q), in the
 * comparison's order; their q-values are still those of the whole family.
 */
export function strongestChanges(comparison: WaveComparison, count: number): WaveComparison {
  const tested = comparison.rows.filter((row) => row.p !== null);
  const kept = new Set(tested.sort((a, b) => (a.p ?? 1) - (b.p ?? 1)).slice(0, count));
  return onlyChanges(comparison, (row) => kept.has(row));
}
