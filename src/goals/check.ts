// `check`: every goal of the plan judged on the evidence, plus expectation gaps and source divergences,
// each with its risk. Deterministic: the same store gives the same result, whatever the clock or machine.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { IndicatorDefinition } from '../config/codebook.js';
import type { Settings } from '../config/settings.js';
import type { Evidence } from '../evidence/evidence.js';
import { areasApart } from '../compare/waves.js';
import type { IndicatorRow } from '../indicators/engine.js';
import { leftOutOf, leftOutWaves, type LeftOutWave } from '../indicators/left-out.js';
import type { ProfileSet } from '../profile/profile.js';
import type { Divergence } from '../profile/divergence.js';
import { checkGoals, checkPlannedCompletes, checkTargetAgainstStore, indicatorRanges, type Goal, type GoalsFile, type PlannedCompletes } from './file.js';
import { expectationGaps, problemSharesFromRows, type ExpectationGap } from './gaps.js';
import { measurability, type AreaSample, type Measurability } from './measurable.js';
import { failOn, maxRisk, type RiskLevel } from './risk.js';
import { evidenceFor, goalStatus, type BaselineInput, type GoalStatus, type WaveEstimate } from './status.js';

/** Which estimate a goal was judged on: the direct one, or the small-area model's where the direct one is thin (`goals: use_model`). */
export type EvidenceKind = 'direct' | 'model';

export interface GoalResult {
  goal: Goal;
  status: GoalStatus;
  /** the latest wave's estimate, and the baseline's when it came from the store */
  evidence: { latest: EvidenceKind; baseline: EvidenceKind };
  /** the direct estimate's flag where the model was used instead (why it was) */
  directFlag: WaveEstimate['flag'] | null;
  /** the model's estimate of the latest wave beside a suppressed or unreliable direct one, used or not */
  model: ModelBeside | null;
  measurability: Measurability;
}

/** A district's model estimate with its interval, shown beside a thin direct estimate; `used`: the goal was judged on it. */
export interface ModelBeside {
  estimate: number;
  rmse: number;
  ciLow: number;
  ciHigh: number;
  synthetic: boolean;
  /**
   * no respondent of the district answered in the wave: the model's prediction rests on similar districts and the
   * population figures alone, so it is shown beside the goal, marked, and never decides it (adversarial run r38, F5)
   */
  noAnswers: boolean;
  /** why it is shown: the direct estimate is suppressed or unreliable */
  directFlag: 'suppressed' | 'unreliable';
  used: boolean;
}

export interface DivergenceFinding extends Divergence {
  risk: 'low';
}

export interface CheckResult {
  wave: string;
  goalsFile: string | null;
  goals: GoalResult[];
  gaps: ExpectationGap[];
  divergences: DivergenceFinding[];
  maxRisk: RiskLevel | null;
  /** Whole-area goals whose baseline wave and latest wave rest on different districts (adversarial run r34, F1). */
  areasApart: AreasApart[];
  /** The waves the goals are judged on whose weighting left respondents out for want of figures (adversarial run r38, F4). */
  leftOut: LeftOutWave[];
}

/** Two waves whose whole-area figures rest on different districts: those with respondents in one of them only. */
export interface AreasApart {
  from: string;
  to: string;
  onlyFrom: string[];
  onlyTo: string[];
}

/** --goals, else the configuration's `goals:`, else goals.yaml beside the configuration (or here). */
export function findGoalsFile(flag: string | undefined, settings: Settings, cwd: string): { path: string; found: boolean } {
  if (flag) return { path: resolve(cwd, flag), found: true };
  if (settings.goals) return { path: settings.goals, found: true };
  const path = join(settings.path ? dirname(settings.path) : cwd, 'goals.yaml');
  return { path, found: existsSync(path) };
}

/**
 * Judges the goals (already read from their file) against the evidence for the profiles' wave: each goal's
 * baseline and latest estimate come from the rows of every wave up to it.
 */
export async function runCheck(evidence: Evidence, profiles: ProfileSet, goalsFile: GoalsFile | null): Promise<CheckResult> {
  const { settings } = evidence;
  const wave = profiles.wave;
  const waves = await evidence.waves();
  const districts = goalsFile ? await knownDistricts(evidence, profiles, waves) : profiles.estimates.districts;
  const goals = goalsFile ? checkGoals(goalsFile, { indicators: indicatorRanges(settings.codebook), districts, themes: settings.codebook.themes, waves, checkedWave: wave }) : [];
  const planned = goalsFile ? checkPlannedCompletes(goalsFile, districts) : null;
  // Evidence for the goals: their indicators in every wave up to the one checked.
  const wanted = new Set(goals.map((goal) => goal.indicator));
  const definitions = settings.codebook.indicators.filter((definition) => wanted.has(definition.id));
  const rows = definitions.length > 0 ? await evidence.history(wave, definitions) : [];
  const leftOut = await leftOutWaves(evidence, [wave, ...goals.map((goal) => goal.baseline.wave)].filter((w) => waves.includes(w) && Number(w) <= Number(wave)));
  const results: GoalResult[] = [];
  for (const [index, goal] of goals.entries()) {
    const direct = withLeftOut(evidenceFor(goal, rows, wave), goal, leftOut);
    if (goalsFile && direct.baseline.source === 'store') checkTargetAgainstStore(goalsFile, index, goal, direct.baseline.value);
    const definition = definitions.find((d) => d.id === goal.indicator);
    const judged = definition ? await withModel(evidence, goal, definition, direct) : { ...direct, evidence: { latest: 'direct' as const, baseline: 'direct' as const }, directFlag: null, model: null };
    const sized = measurability({
      goal,
      kind: definition?.type ?? 'share',
      baseline: judged.baseline.source === 'missing' ? null : judged.baseline.value,
      baselineArea: sample(rows, goal.indicator, goal.district, goal.baseline.wave),
      baselineLeftOut: leftOutCount(leftOut, goal.district, goal.baseline.wave) > 0,
      baselineWholeArea: sample(rows, goal.indicator, null, goal.baseline.wave),
      latestArea: sample(rows, goal.indicator, goal.district, wave),
      latestWholeArea: sample(rows, goal.indicator, null, wave),
      latestWave: wave,
      planned: plannedFor(planned, goal.district, rows.filter((row) => row.indicator === goal.indicator && row.wave === wave)),
      alpha: settings.check.alpha,
    });
    const status = goalStatus(goal, judged.baseline, judged.latest, { alpha: settings.check.alpha, measurability: sized });
    results.push({ goal, status, evidence: judged.evidence, directFlag: judged.directFlag, model: judged.model, measurability: sized });
  }
  const gaps = expectationGaps(problemSharesFromRows(profiles.estimates.rows, wave), goals, { top: settings.check.gapTop, minShare: settings.check.gapMinShare });
  const divergences = profiles.districts.flatMap((view) => view.divergences.map((d): DivergenceFinding => ({ ...d, risk: 'low' })));
  const findings: Array<{ risk: RiskLevel }> = [...results.map((r) => ({ risk: r.status.risk })), ...gaps, ...divergences];
  const areasApart = await wholeAreasApart(evidence, results, definitions);
  return { wave, goalsFile: goalsFile?.file ?? null, goals: results, gaps, divergences, maxRisk: maxRisk(findings), areasApart, leftOut };
}

/** The respondents of `district` a wave's weighting left out whole for want of figures (0 for the whole area). */
function leftOutCount(leftOut: readonly LeftOutWave[], district: string | null, wave: string): number {
  const found = district === null ? undefined : leftOut.find((entry) => entry.wave === wave);
  return found && district !== null ? leftOutOf(found.weighting, district) : 0;
}

/**
 * A district goal's estimate or baseline without an answer where the district's respondents are left out for want of
 * population figures: the count goes with it, so the reason says so, never "no resident answered" (adversarial run r38, F4).
 */
function withLeftOut(direct: { baseline: BaselineInput; latest: WaveEstimate | null }, goal: Goal, leftOut: readonly LeftOutWave[]): { baseline: BaselineInput; latest: WaveEstimate | null } {
  if (goal.district === null) return direct;
  const count = (wave: string) => leftOutCount(leftOut, goal.district, wave);
  let { baseline, latest } = direct;
  if (latest !== null && latest.n === 0 && count(latest.wave) > 0) latest = { ...latest, leftOut: count(latest.wave) };
  if (baseline.source === 'store' && baseline.n === 0 && count(goal.baseline.wave) > 0) baseline = { ...baseline, leftOut: count(goal.baseline.wave) };
  return { baseline, latest };
}

/**
 * The pairs of waves a whole-area goal is judged across (its baseline from the store, its latest estimate) whose
 * whole-area figures rest on different districts: the goal then compares two areas, said as `compare` says it.
 */
async function wholeAreasApart(evidence: Evidence, results: readonly GoalResult[], definitions: IndicatorDefinition[]): Promise<AreasApart[]> {
  const pairs = new Map<string, { from: string; to: string }>();
  for (const { goal, status } of results) {
    const to = status.wave;
    // a baseline the goals file gives is the file's own figure; one read from the store is the wave's whole area
    if (goal.district !== null || goal.baseline.value !== null || to === null || to === goal.baseline.wave) continue;
    pairs.set(`${goal.baseline.wave}\u0000${to}`, { from: goal.baseline.wave, to });
  }
  const apart: AreasApart[] = [];
  for (const { from, to } of pairs.values()) {
    const found = areasApart(await evidence.estimates(from, { definitions }), await evidence.estimates(to, { definitions }));
    if (found !== null) apart.push({ from, to, ...found });
  }
  return apart;
}

/**
 * The districts a goal may name: the checked wave's (with population figures, every district they give), then
 * those that answered only in an earlier wave. Without figures an unweighted wave knows only the districts
 * that answered in it, and a goal on a district that answered in its baseline wave alone would be "not in the
 * store" (exit 4) where with figures it is "not enough data" (r24b F9). The waves are weighted once: the
 * goals' evidence reads the same waves next.
 */
async function knownDistricts(evidence: Evidence, profiles: ProfileSet, waves: readonly string[]): Promise<string[]> {
  // a set: thousands of districts over several waves looked up in a list would be quadratic
  const known = new Set(profiles.estimates.districts);
  for (const earlier of waves.filter((w) => w < profiles.wave)) {
    for (const district of (await evidence.weightedWave(earlier)).districts) known.add(district);
  }
  return [...known];
}

/** A thin direct estimate: what the model is shown beside, and what `goals: use_model` lets it stand in for. */
const thin = (flag: WaveEstimate['flag']): flag is 'suppressed' | 'unreliable' => flag === 'suppressed' || flag === 'unreliable';

/**
 * The goal's evidence with the model beside a suppressed or unreliable direct estimate of a district's goal
 * (where the model gives an interval), and in its place where the configuration allows it (`goals: use_model: true`).
 */
async function withModel(
  evidence: Evidence,
  goal: Goal,
  definition: IndicatorDefinition,
  direct: { baseline: BaselineInput; latest: WaveEstimate | null },
): Promise<{ baseline: BaselineInput; latest: WaveEstimate | null; evidence: GoalResult['evidence']; directFlag: WaveEstimate['flag'] | null; model: ModelBeside | null }> {
  const used: GoalResult['evidence'] = { latest: 'direct', baseline: 'direct' };
  const { smallAreas } = evidence.settings;
  const district = goal.district;
  if (district === null || (smallAreas.indicators !== null && !smallAreas.indicators.includes(definition.id))) {
    return { ...direct, evidence: used, directFlag: null, model: null };
  }
  const modelled = async (wave: string) => {
    const model = await evidence.smallAreas(wave, definition);
    const estimate = model.ok ? model.districts.find((d) => d.district === district) : undefined;
    return estimate && estimate.ciLow !== null && estimate.ciHigh !== null && estimate.rmse !== null
      ? { estimate: estimate.estimate, rmse: estimate.rmse, ciLow: estimate.ciLow, ciHigh: estimate.ciHigh, synthetic: estimate.synthetic, noAnswers: estimate.syntheticBasis === 'no_answers' }
      : null;
  };
  let { baseline, latest } = direct;
  let directFlag: WaveEstimate['flag'] | null = null;
  let beside: ModelBeside | null = null;
  if (latest && !latest.notFinite && thin(latest.flag)) {
    const model = await modelled(latest.wave);
    if (model) {
      // a prediction with no answers behind it is shown, never used: README says such a goal is "not enough data" (r38, F5)
      const usable = smallAreas.forGoals && !model.noAnswers;
      beside = { ...model, directFlag: latest.flag, used: usable };
      if (usable) {
        directFlag = latest.flag;
        latest = { ...latest, estimate: model.estimate, se: model.rmse, ciLow: model.ciLow, ciHigh: model.ciHigh, flag: 'ok' };
        used.latest = 'model';
      }
    }
  }
  if (smallAreas.forGoals && baseline.source === 'store' && (baseline.value === null || thin(baseline.flag))) {
    const model = await modelled(goal.baseline.wave);
    // likewise a baseline no respondent answered in: a goal measured from a prediction alone is no measurement (r38, F5)
    if (model && !model.noAnswers) {
      baseline = { source: 'store', value: model.estimate, se: model.rmse, flag: 'ok' };
      used.baseline = 'model';
    }
  }
  return { baseline, latest, evidence: used, directFlag, model: beside };
}

/** A wave's sample for an area: the row's n, design effect, estimate and SE. */
function sample(rows: readonly IndicatorRow[], indicator: string, district: string | null, wave: string): AreaSample | null {
  const row = rows.find((r) => r.indicator === indicator && r.district === district && r.wave === wave);
  return row ? { n: row.n, deff: row.deff, estimate: row.estimate, se: row.se } : null;
}

/**
 * Completes planned for an area at the deadline: the district's own, else its share (by the last wave's answers)
 * of the zone's; for the whole area the zone's, else the districts' plans with the others as in the last wave.
 */
function plannedFor(planned: PlannedCompletes | null, district: string | null, latestRows: readonly IndicatorRow[]): number | null {
  if (planned === null) return null;
  const total = latestRows.find((row) => row.district === null)?.n ?? 0;
  if (district !== null) {
    const own = planned.districts.get(district);
    if (own !== undefined) return own;
    const last = latestRows.find((row) => row.district === district)?.n ?? 0;
    return planned.zone !== null && total > 0 ? Math.round((planned.zone * last) / total) : null;
  }
  if (planned.zone !== null) return planned.zone;
  if (planned.districts.size === 0) return null;
  return latestRows.reduce((sum, row) => (row.district === null ? sum : sum + (planned.districts.get(row.district) ?? row.n)), 0);
}

/** `--fail-on level`: true when any finding's risk is at or above the level. */
export function reachesLevel(result: CheckResult, level: RiskLevel): boolean {
  return failOn(level, [...result.goals.map((r) => ({ risk: r.status.risk })), ...result.gaps, ...result.divergences]);
}
