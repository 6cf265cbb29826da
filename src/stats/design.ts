// Types shared by weighting, estimation and comparison: a wave's respondents, its population margins,
// and the calibrated design the estimators consume. Everything is a typed array indexed by respondent.

/** A wave's respondents as the weighting sees them. */
export interface SurveyFrame {
  n: number;
  /** District index 0..districtCount-1; -1 when the respondent has no (known) district. */
  district: Int32Array;
  districtCount: number;
  /** 0 = M, 1 = F; -1 = missing or a category the margins lack (X). */
  sex: Int32Array;
  /** Index into the population's age groups ordered from youngest; -1 = missing or in no group. */
  ageGroup: Int32Array;
  /** A weight column supplied with the data (monitor microdata): replaces the start weights N_h / n_h. */
  weight?: Float64Array;
}

/** Population figures N[d][s][a], stored at (d * 2 + s) * ageGroupCount + a. */
export interface PopulationMargins {
  districtCount: number;
  sexCount: 2;
  ageGroupCount: number;
  /** NaN where the district has no figures; a district whose cells are all NaN cannot be weighted. */
  cells: Float64Array;
  /**
   * Per district, 1 when the figures give its cells (a cross-table), 0 when its cells are derived from its two
   * margins (an independence table that only carries them); absent, none is taken as given.
   */
  givenCells?: Uint8Array;
}

export const SEX_COUNT = 2;

/** Position of N[d][s][a] in PopulationMargins.cells. */
export function cellIndex(district: number, sex: number, ageGroup: number, ageGroupCount: number): number {
  return (district * SEX_COUNT + sex) * ageGroupCount + ageGroup;
}

/** One calibration margin, expressed over the joint cells: which margin cell each joint cell belongs to. */
export interface CalibrationMargin {
  ofCell: Int32Array;
  cellCount: number;
}

export interface Calibration {
  kind: 'poststratify' | 'rake';
  /**
   * Joint cell of every design row: district x sex x (possibly merged) age group. Every margin is a union
   * of joint cells and every joint cell lies in one district, so raking and the variance adjustment can
   * work on cell totals instead of respondents.
   */
  cell: Int32Array;
  cellCount: number;
  /** District (stratum) of every joint cell; a district's joint cells are contiguous. */
  cellDistrict: Int32Array;
  /** Raking: district x sex, then district x age group. Post-stratification: one margin, the joint cells. */
  margins: CalibrationMargin[];
  /** The weights that entered the final calibration (post-stratification centres by their cell mean, as R does). */
  startWeights: Float64Array;
  /**
   * Per joint cell, what the variance adjustment centres by: its respondents for raking (plain cell means, as
   * R's svyrecvar), the total of its start weights for post-stratification (R's postStratify centres by their
   * weighted mean, a plain mean whenever they are constant within districts, as N_h / n_h are).
   */
  cellSizes: Float64Array;
  /** Respondents per joint cell. */
  cellRows: Int32Array;
  /**
   * The final and the start weight every respondent of a joint cell shares, as calibrating N_h / n_h (or
   * trimmed) weights always gives; null when weights vary within a cell (a supplied weight column). With
   * them, estimates and variances come from per-cell sums instead of respondent by respondent.
   */
  cellWeights: { weight: Float64Array; start: Float64Array } | null;
}

/** A calibrated wave: only the respondents that could be weighted, in frame order. */
export interface Design {
  n: number;
  /** Frame row of every design row, so callers can build y arrays for the design. */
  index: Int32Array;
  /** Stratum (= district) of every design row. */
  strata: Int32Array;
  strataCount: number;
  /** n_h: design rows per stratum */
  stratumSizes: Int32Array;
  weights: Float64Array;
  calibration: Calibration | null;
}

/** y for the design rows, taken from a per-frame-row array (NaN stays missing). */
export function designValues(design: Design, frameValues: ArrayLike<number>): Float64Array {
  const values = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) values[i] = frameValues[design.index[i]];
  return values;
}
