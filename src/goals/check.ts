// `check`: every goal of the plan judged on the evidence, plus expectation gaps and source divergences,
// each with its risk. Deterministic: the same store gives the same result, whatever the clock or machine.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import type { Evidence } from '../evidence/evidence.js';
import type { ProfileSet } from '../profile/profile.js';
import type { Divergence } from '../profile/divergence.js';
import { checkGoals, checkTargetAgainstStore, indicatorRanges, type Goal, type GoalsFile } from './file.js';
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

/**
 * Judges the goals (already read from their file) against the evidence for the profiles' wave: each goal's
 * baseline and latest estimate come from the rows of every wave up to it.
 */
export function runCheck(evidence: Evidence, profiles: ProfileSet, goalsFile: GoalsFile | null): CheckResult {
  const { settings } = evidence;
  const wave = profiles.wave;
  const waves = evidence.waves().filter((w) => w <= wave);
  const goals = goalsFile
    ? checkGoals(goalsFile, { indicators: indicatorRanges(settings.codebook), districts: profiles.estimates.districts, themes: settings.codebook.themes, waves })
    : [];
  // Evidence for the goals: their indicators in every wave up to the one checked.
  const wanted = new Set(goals.map((goal) => goal.indicator));
  const definitions = settings.codebook.indicators.filter((definition) => wanted.has(definition.id));
  const rows = definitions.length > 0 ? evidence.history(wave, definitions) : [];
  const results = goals.map((goal, index) => {
    const { baseline, latest } = evidenceFor(goal, rows, wave);
    if (goalsFile && baseline.source === 'store') checkTargetAgainstStore(goalsFile, index, goal, baseline.value);
    return { goal, status: goalStatus(goal, baseline, latest, { alpha: settings.check.alpha }) };
  });
  const gaps = expectationGaps(problemSharesFromRows(profiles.estimates.rows, wave), goals, { top: settings.check.gapTop, minShare: settings.check.gapMinShare });
  const divergences = profiles.districts.flatMap((view) => view.divergences.map((d): DivergenceFinding => ({ ...d, risk: 'low' })));
  const findings: Array<{ risk: RiskLevel }> = [...results.map((r) => ({ risk: r.status.risk })), ...gaps, ...divergences];
  return { wave, goalsFile: goalsFile?.file ?? null, goals: results, gaps, divergences, maxRisk: maxRisk(findings) };
}

/** `--fail-on level`: true when any finding's risk is at or above the level. */
export function reachesLevel(result: CheckResult, level: RiskLevel): boolean {
  return failOn(level, [...result.goals.map((r) => ({ risk: r.status.risk })), ...result.gaps, ...result.divergences]);
}
