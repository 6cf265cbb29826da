// Risk and goal-status badges for the report's goal table: class names, colours, a shape and the words,
// so the colours live here and colour is never the only cue.
import { PAPER, RISK_COLOURS } from './palette.js';

export type Risk = 'low' | 'medium' | 'high';
export type GoalStatus = 'achieved' | 'on_track' | 'behind' | 'worsening' | 'insufficient_evidence';

export const RISKS: readonly Risk[] = ['low', 'medium', 'high'];
export const GOAL_STATUSES: readonly GoalStatus[] = ['achieved', 'on_track', 'behind', 'worsening', 'insufficient_evidence'];

export interface Badge {
  /** CSS classes for the cell, e.g. "risk risk-high" or "goal-status status-behind risk-high" */
  className: string;
  /** text colour on white (WCAG AA), also usable as a background behind white text */
  colour: string;
  /** a shape that tells the levels apart in black and white: ● low, ◆ medium, ▲ high */
  symbol: string;
  /** the caller's words for the level or status */
  label: string;
}

/** statistics.md section 9: achieved and on track are low risk, too little evidence medium, behind or worse high. */
const RISK_OF_STATUS = {
  achieved: 'low',
  on_track: 'low',
  insufficient_evidence: 'medium',
  behind: 'high',
  worsening: 'high',
} as const satisfies Record<GoalStatus, Risk>;

const SYMBOLS = { low: '●', medium: '◆', high: '▲' } as const satisfies Record<Risk, string>;

export function riskOfStatus(status: GoalStatus): Risk {
  return RISK_OF_STATUS[status];
}

export function riskBadge(risk: Risk, label: string): Badge {
  return { className: `risk risk-${risk}`, colour: RISK_COLOURS[risk], symbol: SYMBOLS[risk], label };
}

export function statusBadge(status: GoalStatus, label: string): Badge {
  const risk = riskOfStatus(status);
  return { className: `goal-status status-${status.replace(/_/g, '-')} risk-${risk}`, colour: RISK_COLOURS[risk], symbol: SYMBOLS[risk], label };
}

/** CSS for the badge classes, for the report's one style block: coloured text with its shape before it. */
export function goalStatusCss(): string {
  return RISKS.map(
    (risk) =>
      `.risk-${risk} { color: ${RISK_COLOURS[risk]}; font-weight: bold; }\n` +
      `.risk-${risk}::before { content: "${SYMBOLS[risk]} "; }\n` +
      `.risk-${risk}.badge { color: ${PAPER}; background: ${RISK_COLOURS[risk]}; padding: 0 0.3em; }\n`,
  ).join('');
}
