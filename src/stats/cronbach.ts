// Cronbach's alpha of a composite's items (statistics.md section 7), with weighted variances.

export interface Reliability {
  alpha: number;
  /** respondents who answered every item: alpha is computed over them only (complete cases) */
  respondents: number;
}

/** Weighted variance sum w (x - mean)^2 / sum w; its scale cancels in alpha's ratio. */
function weightedVariance(values: Float64Array, weights: Float64Array, sumWeights: number): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += weights[i] * values[i];
  mean /= sumWeights;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += weights[i] * (values[i] - mean) ** 2;
  return sum / sumWeights;
}

/**
 * alpha = k / (k - 1) * (1 - sum var(item) / var(sum of items)), over respondents who answered all items
 * (so every variance uses the same people). Null with fewer than 2 items or 2 such respondents, or no spread.
 */
export function cronbachAlpha(items: ReadonlyArray<Float64Array>, weights?: Float64Array): Reliability | null {
  const k = items.length;
  if (k < 2) return null;
  const n = items[0].length;
  const complete: number[] = [];
  for (let i = 0; i < n; i++) if (items.every((item) => !Number.isNaN(item[i]))) complete.push(i);
  if (complete.length < 2) return null;
  const w = Float64Array.from(complete, (i) => (weights ? weights[i] : 1));
  const sumWeights = w.reduce((a, b) => a + b, 0);
  const sums = new Float64Array(complete.length);
  let itemVariances = 0;
  for (const item of items) {
    const values = Float64Array.from(complete, (i) => item[i]);
    values.forEach((v, r) => (sums[r] += v));
    itemVariances += weightedVariance(values, w, sumWeights);
  }
  const totalVariance = weightedVariance(sums, w, sumWeights);
  if (!(totalVariance > 0)) return null;
  return { alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), respondents: complete.length };
}
