// Composite scores such as the insecurity index (docs/methods.md section 7).

export interface CompositeItem {
  /** answers per respondent, NaN = not answered */
  values: Float64Array;
  /** the item's scale */
  lo: number;
  hi: number;
  /** relative weight of the item in the mean (default 1) */
  weight?: number;
}

/**
 * Each answered item rescaled to 0-10 as 10 (x - lo) / (hi - lo), then the (item-weighted) mean over the
 * answered items; NaN for a respondent who answered fewer than `minItems`. A scale without width (lo = hi)
 * or a weight that is not a finite number >= 0 cannot make a score: that is an error, never a NaN score.
 */
export function compositeScore(items: ReadonlyArray<CompositeItem>, minItems = 2): Float64Array {
  const n = items.length > 0 ? items[0].values.length : 0;
  const sum = new Float64Array(n);
  const weightSum = new Float64Array(n);
  const answered = new Int32Array(n);
  for (const item of items) {
    const itemWeight = item.weight ?? 1;
    const scale = 10 / (item.hi - item.lo);
    if (!Number.isFinite(scale) || scale === 0) throw new RangeError(`an item on the scale ${item.lo}..${item.hi} cannot be rescaled to 0-10`);
    if (!(itemWeight >= 0 && itemWeight < Infinity)) throw new RangeError(`an item weight must be a finite number >= 0, not ${itemWeight}`);
    for (let i = 0; i < n; i++) {
      const x = item.values[i];
      if (Number.isNaN(x)) continue;
      sum[i] += itemWeight * (x - item.lo) * scale;
      weightSum[i] += itemWeight;
      answered[i]++;
    }
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = answered[i] >= minItems && weightSum[i] > 0 ? sum[i] / weightSum[i] : NaN;
  return score;
}
