// Whether a goal's promised change can be shown at all (docs/methods.md section 11.3): its minimum detectable
// change with the baseline wave's sample and the planned (or last) sample at the deadline, and the completes
// that would make it measurable. Pure: the caller brings the rows.
import {
  completesForChange,
  completesForChangeOfMean,
  completesPerWaveForChange,
  completesPerWaveForChangeOfMean,
  minimumDetectableChange,
  minimumDetectableChangeOfMean,
  type CompletesForChange,
  type WaveSize,
} from '../stats/detectable.js';
import { usableDesignEffect } from '../stats/plan.js';
import type { Goal } from './file.js';

/** The sample of a wave for the goal's area, as the engine's rows give it. */
export interface AreaSample {
  /** respondents with a valid answer */
  n: number;
  /** V / V_srs; null when withheld or undefined */
  deff: number | null;
  /** the estimate and SE, for a mean's spread s2_w = n SE^2 / deff; null when withheld */
  estimate: number | null;
  se: number | null;
}

export interface MeasurabilityInput {
  goal: Pick<Goal, 'direction' | 'target' | 'deadline' | 'baseline'>;
  kind: 'share' | 'mean' | 'score';
  /** the goal's baseline value (from the file or the store); null when there is none */
  baseline: number | null;
  /** the goal's area in the baseline wave; null when the store has no such wave */
  baselineArea: AreaSample | null;
  /** the whole area in the baseline wave: the design effect (and a mean's spread) where the district has none */
  baselineWholeArea: AreaSample | null;
  /** the goal's area and the whole area in the latest wave checked: the deadline's design effect */
  latestArea: AreaSample | null;
  latestWholeArea: AreaSample | null;
  /** the area's respondents of the baseline wave are left out for want of population figures (src/indicators/left-out.ts) */
  baselineLeftOut?: boolean;
  /** the latest wave checked, whose sample stands in for the deadline's when nothing is planned */
  latestWave: string;
  /** completes planned at the deadline for the goal's area (goals file), or null: as many as in the latest wave */
  planned: number | null;
  alpha?: number;
  power?: number;
}

export type Unknown =
  /** no baseline value (the store's is withheld or missing): no promised change to size */
  | 'no_baseline_value'
  /** the baseline wave is not in the store: its sample size is unknown */
  | 'baseline_wave_not_stored'
  /** the baseline wave is stored but no respondent of the goal's area answered in it: no sample to size from */
  | 'no_baseline_answers'
  /** the area's respondents of the baseline wave answered but are left out for want of population figures */
  | 'baseline_left_out'
  /** the target equals the baseline: no change is promised */
  | 'no_change_promised'
  /** no design effect or spread to work with */
  | 'no_design_effect'
  /** nothing planned and no answers in the latest wave */
  | 'no_deadline_sample';

export type Measurability =
  | { known: false; why: Unknown }
  | {
      known: true;
      /** |target - baseline| */
      promised: number;
      /** the smallest change the test detects with 80% power; null when no change on the scale would be */
      mdc: number | null;
      measurable: boolean;
      baselineN: number;
      deadlineN: number;
      deadlineSource: 'planned' | 'last_wave';
      /** the wave whose sample size the deadline is given when nothing is planned */
      lastWave: string;
      /** the completes that would make the goal measurable; null when it already is */
      needed: null | { completes: number; at: 'deadline' | 'new_baseline_and_deadline' };
    };

/**
 * The area's design effect, else the whole area's, when usable by the rule `plan` follows too: a design effect of
 * rounding noise (about 2e-16 where the weighting explains the answers entirely) made a 1-point change from 100%
 * on 30 answers measurable with an MDC of 6e-61 (adversarial run r38, F1 and F3), so it counts as none.
 */
function designEffect(area: AreaSample | null, whole: AreaSample | null): number | null {
  if (usableDesignEffect(area?.deff)) return area.deff;
  if (usableDesignEffect(whole?.deff)) return whole.deff;
  return null;
}

/** s2_w of the whole area: n SE^2 / deff (docs/methods.md section 5.4). */
function spreadOf(whole: AreaSample | null): number | null {
  if (!whole || whole.se === null || !usableDesignEffect(whole.deff)) return null;
  const spread = (whole.n * whole.se * whole.se) / whole.deff;
  return spread > 0 ? spread : null;
}

/** The MDC of a goal and, when it promises less, the completes that would make it measurable. */
export function measurability(input: MeasurabilityInput): Measurability {
  const { goal, baseline } = input;
  if (baseline === null) return { known: false, why: 'no_baseline_value' };
  if (input.baselineArea === null) return { known: false, why: 'baseline_wave_not_stored' };
  // a stored wave nobody of the area answered in is not "not stored" (adversarial run r38, F5b)
  // nor is one whose respondents did answer but are left out for want of figures (r38 F4: they answered)
  if (input.baselineArea.n === 0) return { known: false, why: input.baselineLeftOut ? 'baseline_left_out' : 'no_baseline_answers' };
  const promised = Math.abs(goal.target - baseline);
  if (promised === 0) return { known: false, why: 'no_change_promised' };
  const deadlineN = input.planned ?? input.latestArea?.n ?? 0;
  // nothing planned and no answers last time: unknown; a plan that gives the area no completes (a zone's small
  // total shared out, rounded to 0) measures nothing at the deadline: unmeasurable (adversarial run r20, F3)
  if (deadlineN === 0 && input.planned === null) return { known: false, why: 'no_deadline_sample' };
  const baselineDeff = designEffect(input.baselineArea, input.baselineWholeArea);
  const deadlineDeff = designEffect(input.latestArea, input.latestWholeArea) ?? baselineDeff;
  if (baselineDeff === null || deadlineDeff === null) return { known: false, why: 'no_design_effect' };
  const levels = { alpha: input.alpha, power: input.power };
  const baselineWave: WaveSize = { n: input.baselineArea.n, deff: baselineDeff };
  const deadlineWave: WaveSize = { n: deadlineN, deff: deadlineDeff };

  let mdc: number | null;
  let atDeadline: () => CompletesForChange;
  let perWave: () => number;
  if (input.kind === 'share') {
    mdc = deadlineN === 0 ? null : minimumDetectableChange({ baseline, direction: goal.direction, baselineWave, deadlineWave, ...levels });
    atDeadline = () => completesForChange({ baseline, target: goal.target, baselineWave, deadlineDeff, ...levels });
    perWave = () => completesPerWaveForChange({ baseline, target: goal.target, deff: deadlineDeff, baselineDeff, ...levels }).completes;
  } else {
    const spread = spreadOf(input.baselineWholeArea);
    if (spread === null) return { known: false, why: 'no_design_effect' };
    mdc = deadlineN === 0 ? null : minimumDetectableChangeOfMean({ spread, baselineWave, deadlineWave, ...levels });
    atDeadline = () => completesForChangeOfMean({ spread, change: promised, baselineWave, deadlineDeff, ...levels });
    perWave = () => completesPerWaveForChangeOfMean({ spread, change: promised, deff: deadlineDeff, baselineDeff, ...levels }).completes;
  }
  const measurable = mdc !== null && promised >= mdc;
  let needed: Extract<Measurability, { known: true }>['needed'] = null;
  if (!measurable) {
    const deadline = atDeadline();
    needed = deadline.possible ? { completes: deadline.completes, at: 'deadline' } : { completes: perWave(), at: 'new_baseline_and_deadline' };
  }
  return {
    known: true,
    promised,
    mdc,
    measurable,
    baselineN: baselineWave.n,
    deadlineN,
    deadlineSource: input.planned === null ? 'last_wave' : 'planned',
    lastWave: input.latestWave,
    needed,
  };
}
