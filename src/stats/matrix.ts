// Small dense matrices for area-level models (docs/methods.md section 10): p x p systems with p = the
// number of covariates, a handful at most, so plain arrays of rows are clear and fast enough.

export type Matrix = number[][];

/** X' diag(w) X for rows x_d of X (m x p); w = 1 everywhere when omitted. */
export function weightedCrossProduct(rows: ReadonlyArray<ArrayLike<number>>, w?: ArrayLike<number>): Matrix {
  const p = rows[0].length;
  const product: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  rows.forEach((x, d) => {
    const wd = w ? w[d] : 1;
    for (let j = 0; j < p; j++) for (let k = 0; k <= j; k++) product[j][k] += wd * x[j] * x[k];
  });
  for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) product[j][k] = product[k][j];
  return product;
}

/**
 * The inverse by Gauss-Jordan elimination with partial pivoting, as R's solve() (LU) would give it; the
 * matrix need not be positive definite (Fisher scoring passes through negative variances). null when a
 * pivot is 0 or not finite: the matrix is singular.
 */
export function invert(matrix: Matrix): Matrix | null {
  const p = matrix.length;
  const a = matrix.map((row, j) => [...row, ...Array.from({ length: p }, (_, k) => (j === k ? 1 : 0))]);
  for (let col = 0; col < p; col++) {
    let pivotRow = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivotRow][col])) pivotRow = r;
    const pivot = a[pivotRow][col];
    if (pivot === 0 || !Number.isFinite(pivot)) return null;
    [a[col], a[pivotRow]] = [a[pivotRow], a[col]];
    for (let k = 0; k < 2 * p; k++) a[col][k] /= pivot;
    for (let r = 0; r < p; r++) {
      if (r === col || a[r][col] === 0) continue;
      const factor = a[r][col];
      for (let k = 0; k < 2 * p; k++) a[r][k] -= factor * a[col][k];
    }
  }
  return a.map((row) => row.slice(p));
}

/** x' A y for a p x p matrix A. */
export function quadraticForm(x: ArrayLike<number>, a: Matrix, y: ArrayLike<number> = x): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    let row = 0;
    for (let k = 0; k < a.length; k++) row += a[j][k] * y[k];
    sum += x[j] * row;
  }
  return sum;
}

/** x' y */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < x.length; j++) sum += x[j] * y[j];
  return sum;
}

/** A v for a p x p matrix A. */
export function multiply(a: Matrix, v: ArrayLike<number>): number[] {
  return a.map((row) => dot(row, v));
}

/**
 * The first column of a cross-product X'X (positive semi-definite) that is, up to a relative `tolerance`,
 * a linear combination of the columns before it; -1 when there is none. By Cholesky: the pivot of
 * column j over its diagonal is 1 - R^2 of column j regressed on the earlier columns.
 */
export function firstDependentColumn(crossProduct: Matrix, tolerance = 1e-10): number {
  const p = crossProduct.length;
  const l: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let pivot = crossProduct[j][j];
    for (let k = 0; k < j; k++) pivot -= l[j][k] ** 2;
    if (!(pivot > tolerance * crossProduct[j][j])) return j;
    l[j][j] = Math.sqrt(pivot);
    for (let i = j + 1; i < p; i++) {
      let sum = crossProduct[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      l[i][j] = sum / l[j][j];
    }
  }
  return -1;
}
