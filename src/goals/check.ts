// `check`: every goal of the plan judged on the evidence, plus expectation gaps and source divergences,
// each with its risk. Deterministic: the same store gives the same result, whatever the clock or machine.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import type { Lang } from '../i18n/index.js';
import { estimateWave, type IndicatorRow } from '../indicators/engine.js';
import { buildProfiles, type ProfileSet } from '../profile/profile.js';
import type { Divergence } from '../profile/divergence.js';
import type { Store } from '../store/db.js';
import { surveyWaves } from '../store/survey.js';
import { checkGoals, indicatorRanges, loadGoals, type Goal } from './file.js';
import { expectationGaps, problemSharesFromRows, type ExpectationGap } from './gaps.js';
import { failOn, maxRisk, type RiskLevel } from './risk.js';
import { evidenceFor, goalStatus, type GoalStatus } from './status.js';

export interface GoalResult {
  goal: Goal;
  status: GoalStatus;
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
}

/** --goals, else the configuration's `goals:`, else goals.yaml beside the configuration (or here). */
export function findGoalsFile(flag: string | undefined, settings: Settings, cwd: string): { path: string; found: boolean } {
  if (flag) return { path: resolve(cwd, flag), found: true };
  if (settings.goals) return { path: settings.goals, found: true };
  const path = join(settings.path ? dirname(settings.path) : cwd, 'goals.yaml');
  return { path, found: existsSync(path) };
}

/** What a caller has computed already: the wave's profiles, and earlier waves' rows (else they are estimated here). */
export interface CheckInputs {
  profiles?: ProfileSet;
  earlierRows?: IndicatorRow[];
}

export function runCheck(store: Store, settings: Settings, wave: string, goalsPath: string | null, lang: Lang, inputs: CheckInputs = {}): CheckResult {
  const profiles = inputs.profiles ?? buildProfiles(store, settings, wave);
  const waves = surveyWaves(store).filter((w) => w <= wave);
  let goals: Goal[] = [];
  if (goalsPath) {
    goals = checkGoals(loadGoals(goalsPath, lang), {
      indicators: indicatorRanges(settings.codebook),
      districts: profiles.estimates.districts,
      themes: settings.codebook.themes,
      waves,
    });
  }
  // Evidence for the goals: their indicators in every wave up to the one checked.
  const wanted = new Set(goals.map((goal) => goal.indicator));
  const definitions = settings.codebook.indicators.filter((definition) => wanted.has(definition.id));
  const rows: IndicatorRow[] = [...profiles.estimates.rows];
  if (inputs.earlierRows) rows.push(...inputs.earlierRows);
  else if (definitions.length > 0) {
    for (const earlier of waves.filter((w) => w !== wave)) rows.push(...estimateWave(store, settings, earlier, { definitions }).rows);
  }
  const results = goals.map((goal) => {
    const evidence = evidenceFor(goal, rows, wave);
    return { goal, status: goalStatus(goal, evidence.baseline, evidence.latest, { alpha: settings.check.alpha }) };
  });
  const gaps = expectationGaps(problemSharesFromRows(profiles.estimates.rows, wave), goals, { top: settings.check.gapTop, minShare: settings.check.gapMinShare });
  const divergences = profiles.districts.flatMap((view) => view.divergences.map((d): DivergenceFinding => ({ ...d, risk: 'low' })));
  const findings: Array<{ risk: RiskLevel }> = [...results.map((r) => ({ risk: r.status.risk })), ...gaps, ...divergences];
  return { wave, goalsFile: goalsPath, goals: results, gaps, divergences, maxRisk: maxRisk(findings) };
}

/** `--fail-on level`: true when any finding's risk is at or above the level. */
export function reachesLevel(result: CheckResult, level: RiskLevel): boolean {
  return failOn(level, [...result.goals.map((r) => ({ risk: r.status.risk })), ...result.gaps, ...result.divergences]);
}
