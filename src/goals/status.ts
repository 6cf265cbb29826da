// One goal's status and expectation risk from the evidence (docs/methods.md section 9). Pure: the caller
// finds the baseline and the latest wave (evidenceFor helps), and renders `reason` in the user's language.
import { compareIndependent } from '../stats/compare.js';
import type { Flag, Suppression } from '../stats/flags.js';
import type { Goal } from './file.js';
import type { Measurability } from './measurable.js';
import type { RiskLevel } from './risk.js';

export type GoalStatusCode = 'achieved' | 'on_track' | 'behind' | 'worsening' | 'insufficient_evidence' | 'unmeasurable';

export const STATUS_RISK: Record<GoalStatusCode, RiskLevel> = {
  achieved: 'low',
  on_track: 'low',
  insufficient_evidence: 'medium',
  unmeasurable: 'medium',
  behind: 'high',
  worsening: 'high',
};

/** Stable codes for the one-sentence reason; the catalogue key is `goal_reason.<code>`. */
export type GoalReasonCode =
  | 'achieved'
  | 'on_track_estimate'
  | 'on_track_interval'
  | 'behind'
  | 'behind_after_deadline'
  | 'worsening'
  | 'suppressed'
  | 'not_estimable'
  | 'unreliable'
  | 'no_later_wave'
  | 'baseline_missing'
  | 'baseline_suppressed'
  | 'baseline_no_answers'
  | 'left_out'
  | 'baseline_left_out'
  | 'baseline_unreliable'
  | 'unmeasurable'
  | 'unmeasurable_new_baseline';

/** The baseline: from the goals file (no SE), from the store's row for the baseline wave, or absent there. */
export type BaselineInput =
  | { source: 'file'; value: number }
  | { source: 'store'; value: number | null; se: number | null; flag: Flag; n?: number; leftOut?: number }
  | { source: 'missing' };

/** The latest wave after the baseline with a row for the goal's indicator and area. */
export interface WaveEstimate {
  wave: string;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: Flag;
  n?: number;
  /** the numbers could not be computed (weights or answers out of range): no estimate, but not for want of answers */
  notFinite?: boolean;
  /** why the estimate is withheld: `secondary` to keep another district's from being found by subtraction */
  suppression?: Suppression;
  /** respondents of the goal's district the weighting left out for want of population figures (no estimate, though they answered) */
  leftOut?: number;
}

export interface GoalStatusOptions {
  /** significance level of the worsening test (two-sided); default 0.05 */
  alpha?: number;
  /** whether the promised change can be shown at all (measurable.ts); without it the goal is not sized */
  measurability?: Measurability;
}

export interface GoalStatus {
  status: GoalStatusCode;
  risk: RiskLevel;
  /** the latest wave judged, null when there is none after the baseline */
  wave: string | null;
  /** the path value at `wave`; null without a baseline value or a later wave */
  pathValue: number | null;
  baseline: number | null;
  baselineSe: number | null;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** (estimate - baseline) / SE of the difference; null when not computable */
  z: number | null;
  p: number | null;
  /** numbers in params are raw (proportions for shares): the renderer formats them */
  reason: { code: GoalReasonCode; params: Record<string, string | number> };
}

type GoalTerms = Pick<Goal, 'direction' | 'target' | 'deadline' | 'baseline'>;

/**
 * The straight line from baseline B (wave W_b) to target T (deadline W_d), at wave W:
 * B + (T - B) * (W - W_b) / (W_d - W_b). From the deadline on it stays at T: extrapolating past the
 * deadline would demand more than the plan promised, so a late wave is judged against the target itself.
 */
export function pathValue(baseline: number, target: number, baselineWave: string, deadline: string, wave: string): number {
  const wb = Number(baselineWave);
  const wd = Number(deadline);
  const w = Number(wave);
  if (w >= wd) return target;
  return baseline + ((target - baseline) * (w - wb)) / (wd - wb);
}

/** The baseline value and SE a goal is judged from: the file's value when given, else the store's row. */
export function baselineFrom(goal: Pick<Goal, 'baseline'>, storeRow: Omit<WaveEstimate, 'wave'> | null | undefined): BaselineInput {
  if (goal.baseline.value !== null) return { source: 'file', value: goal.baseline.value };
  if (!storeRow) return { source: 'missing' };
  const baseline: BaselineInput = { source: 'store', value: storeRow.estimate, se: storeRow.se, flag: storeRow.flag };
  if (storeRow.n !== undefined) baseline.n = storeRow.n;
  return baseline;
}

/**
 * Status and risk. A goal that promises a change smaller than its samples can show is `unmeasurable` unless the
 * evidence already decides it (achieved, worsening or behind): that outranks `insufficient_evidence`, which it
 * explains, and `on_track`, which such samples cannot back. Otherwise, in this order (the first that applies):
 * 1. insufficient_evidence: no wave after the baseline, or the latest estimate is suppressed or
 *    unreliable (or has no interval): an unreliable estimate is never enough to call a goal met or failed.
 * 2. achieved: the whole interval is on the good side of the target (touching it counts: the target is met
 *    at the target). Needs no baseline.
 * 3. insufficient_evidence: the baseline is not usable (not in the store, suppressed, or unreliable there),
 *    so neither the path nor the test against the baseline can be judged.
 * 4. worsening: significantly worse than the baseline (two-sided p < alpha, in the bad direction); the SE
 *    of the difference is sqrt(SE_b^2 + SE^2), or SE alone for a baseline given in the file.
 * 5. behind: the whole interval is on the bad side of the path value (strictly: an interval touching the
 *    path contains it).
 * 6. on_track: the estimate is on the good side of the path value or equal to it (`on_track_estimate`),
 *    or the interval contains the path value (`on_track_interval`).
 */
export function goalStatus(goal: GoalTerms, baseline: BaselineInput, latest: WaveEstimate | null, options: GoalStatusOptions = {}): GoalStatus {
  const judged = judgedOnEvidence(goal, baseline, latest, options);
  const sized = options.measurability;
  if (!sized?.known || sized.measurable || !(judged.status === 'insufficient_evidence' || judged.status === 'on_track')) return judged;
  const params: Record<string, string | number> = { ...judged.reason.params, promised: sized.promised, baseline_n: sized.baselineN, deadline_n: sized.deadlineN, deadline_source: sized.deadlineSource, last_wave: sized.lastWave };
  if (sized.mdc !== null) params.mdc = sized.mdc;
  if (sized.needed) params.completes = sized.needed.completes;
  const code: GoalReasonCode = sized.needed?.at === 'new_baseline_and_deadline' ? 'unmeasurable_new_baseline' : 'unmeasurable';
  return { ...judged, status: 'unmeasurable', risk: STATUS_RISK.unmeasurable, reason: { code, params } };
}

function judgedOnEvidence(goal: GoalTerms, baseline: BaselineInput, latest: WaveEstimate | null, options: GoalStatusOptions): GoalStatus {
  const alpha = options.alpha ?? 0.05;
  const decrease = goal.direction === 'decrease';
  const baselineValue = baseline.source === 'missing' ? null : baseline.value;
  const baselineSe = baseline.source === 'store' ? baseline.se : null;
  const params: Record<string, string | number> = { baseline_wave: goal.baseline.wave, deadline: goal.deadline, target: goal.target };
  if (baselineValue !== null) params.baseline = baselineValue;

  const empty = {
    wave: null,
    pathValue: null,
    baseline: baselineValue,
    baselineSe,
    estimate: null,
    se: null,
    ciLow: null,
    ciHigh: null,
    z: null,
    p: null,
  };
  const result = (status: GoalStatusCode, code: GoalReasonCode, fields: Partial<GoalStatus> = {}): GoalStatus => ({
    ...empty,
    ...fields,
    status,
    risk: STATUS_RISK[status],
    reason: { code, params },
  });

  if (latest === null || Number(latest.wave) <= Number(goal.baseline.wave)) return result('insufficient_evidence', 'no_later_wave');

  const { wave, estimate, se, ciLow, ciHigh } = latest;
  const path = baselineValue === null ? null : pathValue(baselineValue, goal.target, goal.baseline.wave, goal.deadline, wave);
  const test =
    baselineValue !== null && estimate !== null ? compareIndependent({ estimate: baselineValue, se: baselineSe ?? 0 }, { estimate, se }) : null;
  const fields: Partial<GoalStatus> = { wave, pathValue: path, estimate, se, ciLow, ciHigh, z: test?.z ?? null, p: test?.p ?? null };
  params.wave = wave;
  if (latest.n !== undefined) params.n = latest.n;
  if (path !== null) params.path = path;

  if (latest.notFinite) return result('insufficient_evidence', 'not_estimable', fields);
  // withheld with enough answers, to protect another district's estimate: said so, never "too few answered" (r37, minor)
  if (latest.suppression === 'secondary') params.secondary = 1;
  // the district's respondents are left out of the weighting for want of figures: they did answer (r38, F4)
  if (latest.leftOut !== undefined && latest.leftOut > 0) {
    params.left_out = latest.leftOut;
    return result('insufficient_evidence', 'left_out', fields);
  }
  if (estimate === null || latest.flag === 'suppressed') return result('insufficient_evidence', 'suppressed', fields);
  params.estimate = estimate;
  if (ciLow !== null) params.ci_low = ciLow;
  if (ciHigh !== null) params.ci_high = ciHigh;
  if (latest.flag === 'unreliable' || ciLow === null || ciHigh === null || se === null) return result('insufficient_evidence', 'unreliable', fields);

  if (decrease ? ciHigh <= goal.target : ciLow >= goal.target) return result('achieved', 'achieved', fields);

  if (baseline.source === 'missing') return result('insufficient_evidence', 'baseline_missing', fields);
  if (baseline.source === 'store' && (baseline.value === null || baseline.flag === 'suppressed')) {
    // nobody answered in the baseline wave is said so, not as "too few residents answered" (adversarial run r38, F5)
    if (baseline.leftOut !== undefined && baseline.leftOut > 0) {
      params.baseline_left_out = baseline.leftOut;
      return result('insufficient_evidence', 'baseline_left_out', fields);
    }
    return result('insufficient_evidence', baseline.n === 0 ? 'baseline_no_answers' : 'baseline_suppressed', fields);
  }
  if (baseline.source === 'store' && baseline.flag === 'unreliable') return result('insufficient_evidence', 'baseline_unreliable', fields);
  // From here the baseline has a value, so path and test exist.
  const onPath = path as number;

  if (test && test.z !== null && test.p !== null) {
    params.z = test.z;
    params.p = test.p;
    params.alpha = alpha;
    const worse = decrease ? test.z > 0 : test.z < 0;
    if (worse && test.p < alpha) return result('worsening', 'worsening', fields);
  }

  if (decrease ? ciLow > onPath : ciHigh < onPath) {
    return result('behind', Number(wave) >= Number(goal.deadline) ? 'behind_after_deadline' : 'behind', fields);
  }
  if (decrease ? estimate <= onPath : estimate >= onPath) return result('on_track', 'on_track_estimate', fields);
  return result('on_track', 'on_track_interval', fields);
}

/** An indicator row as the engine makes it (district null = the whole area). */
export interface EvidenceRow extends WaveEstimate {
  indicator: string;
  district: string | null;
}

/**
 * The store's evidence for a goal: its baseline, and the latest wave after the baseline (up to `asOf`,
 * the wave being checked) with a row for the indicator and area, even when that row is suppressed, so a
 * thin recent wave shows as insufficient evidence instead of silently falling back to an older one.
 */
export function evidenceFor(
  goal: Pick<Goal, 'indicator' | 'district' | 'baseline'>,
  rows: readonly EvidenceRow[],
  asOf?: string,
): { baseline: BaselineInput; latest: WaveEstimate | null } {
  const own = rows.filter((row) => row.indicator === goal.indicator && row.district === goal.district);
  const baselineRow = own.find((row) => row.wave === goal.baseline.wave);
  let latest: EvidenceRow | null = null;
  for (const row of own) {
    const w = Number(row.wave);
    if (w <= Number(goal.baseline.wave)) continue;
    if (asOf !== undefined && w > Number(asOf)) continue;
    if (latest === null || w > Number(latest.wave)) latest = row;
  }
  const pick = (row: EvidenceRow): WaveEstimate => {
    const picked: WaveEstimate = { wave: row.wave, estimate: row.estimate, se: row.se, ciLow: row.ciLow, ciHigh: row.ciHigh, flag: row.flag };
    if (row.n !== undefined) picked.n = row.n;
    if (row.notFinite) picked.notFinite = true;
    if (row.suppression) picked.suppression = row.suppression;
    return picked;
  };
  // The checked wave, after the baseline, is estimated but the goal's district answered in no wave since (only earlier,
  // and an unweighted wave knows only the districts that answered in it): no answers in that wave, as a
  // weighted wave says with its figures' districts, never "no later wave" (r24b F9).
  const estimated = asOf !== undefined && rows.some((row) => row.indicator === goal.indicator && row.wave === asOf);
  if (latest === null && estimated && Number(asOf) > Number(goal.baseline.wave)) {
    return { baseline: baselineFrom(goal, baselineRow), latest: { wave: asOf, estimate: null, se: null, ciLow: null, ciHigh: null, flag: 'suppressed', n: 0 } };
  }
  return { baseline: baselineFrom(goal, baselineRow), latest: latest === null ? null : pick(latest) };
}
