// Expectation-risk levels and the pure decision behind `check --fail-on`.

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

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
