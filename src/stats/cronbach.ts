// Cronbach's alpha of a composite's items (docs/methods.md section 7), with weighted variances.

export interface Reliability {
  alpha: number;
  /** respondents who answered every item: alpha is computed over them only (complete cases) */
  respondents: number;
}

/**
 * alpha = k / (k - 1) * (1 - sum var(item) / var(sum of items)), over respondents who answered all items
 * (so every variance uses the same people), with weighted variances sum w (x - mean)^2 / sum w (their scale
 * cancels in the ratio). Null with fewer than 2 items or 2 such respondents, or no spread. One pass of sums.
 */
export function cronbachAlpha(items: ReadonlyArray<Float64Array>, weights?: Float64Array): Reliability | null {
  const k = items.length;
  if (k < 2) return null;
  const n = items[0].length;
  const itemSum = new Float64Array(k);
  const itemSquares = new Float64Array(k);
  let weightSum = 0;
  let totalSum = 0;
  let totalSquares = 0;
  let respondents = 0;
  for (let i = 0; i < n; i++) {
    let complete = true;
    for (let j = 0; j < k; j++) {
      if (Number.isNaN(items[j][i])) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    const w = weights ? weights[i] : 1;
    let total = 0;
    for (let j = 0; j < k; j++) {
      const x = items[j][i];
      itemSum[j] += w * x;
      itemSquares[j] += w * x * x;
      total += x;
    }
    weightSum += w;
    totalSum += w * total;
    totalSquares += w * total * total;
    respondents++;
  }
  if (respondents < 2) return null;
  let itemVariances = 0;
  for (let j = 0; j < k; j++) itemVariances += itemSquares[j] / weightSum - (itemSum[j] / weightSum) ** 2;
  const totalVariance = totalSquares / weightSum - (totalSum / weightSum) ** 2;
  if (!(totalVariance > 1e-12 * (totalSquares / weightSum))) return null;
  return { alpha: (k / (k - 1)) * (1 - itemVariances / totalVariance), respondents };
}
