// Expectation-risk levels, the pure decision behind `check --fail-on`, and the order findings are listed in.
import type { Goal } from './file.js';
import type { ExpectationGap } from './gaps.js';
import type { GoalStatus } from './status.js';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export function isRiskLevel(value: string): value is RiskLevel {
  return (RISK_LEVELS as readonly string[]).includes(value);
}

/** 0 low, 1 medium, 2 high. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** The highest risk among the findings; null when there are none. */
export function maxRisk(findings: ReadonlyArray<{ risk: RiskLevel }>): RiskLevel | null {
  let highest: RiskLevel | null = null;
  for (const { risk } of findings) if (highest === null || riskRank(risk) > riskRank(highest)) highest = risk;
  return highest;
}

/** `--fail-on level`: true when any finding's risk reaches the level (risk >= level). No level: never fails. */
export function failOn(level: RiskLevel | null | undefined, findings: ReadonlyArray<{ risk: RiskLevel }>): boolean {
  if (level === null || level === undefined) return false;
  return findings.some(({ risk }) => riskRank(risk) >= riskRank(level));
}

/** A goal's evaluation; `index` is its position in the goals file. */
export interface GoalFinding {
  kind: 'goal';
  index: number;
  goal: Goal;
  result: GoalStatus;
  risk: RiskLevel;
}

export type Finding = GoalFinding | ExpectationGap;

const KIND_ORDER: Record<Finding['kind'], number> = { goal: 0, expectation_gap: 1 };

const collator = new Intl.Collator('en');

/** District names in a stable, human order; code units break collation ties so the order is total. */
export function compareDistricts(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // the whole area after the districts
  if (b === null) return -1;
  return collator.compare(a, b) || (a < b ? -1 : 1);
}

/**
 * The order of a report: goals in file order, then expectation gaps by district and rank.
 * Risk does not reorder, so a goal keeps its place from run to run while its status changes.
 */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (a.kind === 'goal' && b.kind === 'goal') return a.index - b.index;
  if (a.kind === 'expectation_gap' && b.kind === 'expectation_gap') {
    return compareDistricts(a.district, b.district) || a.rank - b.rank || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0);
  }
  return 0;
}

/** A sorted copy (Array.prototype.sort is stable). */
export function sortFindings<F extends Finding>(findings: readonly F[]): F[] {
  return [...findings].sort(compareFindings);
}
