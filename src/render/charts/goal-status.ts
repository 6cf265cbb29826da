// Risk and goal-status badges for the report's goal table: class names, colours, a shape and the words,
// so the colours live here and colour is never the only cue.
import { RISK_LEVELS, type RiskLevel as Risk } from '../../goals/risk.js';
import { STATUS_RISK, type GoalStatusCode as GoalStatus } from '../../goals/status.js';
import { PAPER, RISK_COLOURS } from './palette.js';

export type { Risk, GoalStatus };

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

const SYMBOLS = { low: '●', medium: '◆', high: '▲' } as const satisfies Record<Risk, string>;

export function riskBadge(risk: Risk, label: string): Badge {
  return { className: `risk risk-${risk}`, colour: RISK_COLOURS[risk], symbol: SYMBOLS[risk], label };
}

export function statusBadge(status: GoalStatus, label: string): Badge {
  const risk = STATUS_RISK[status];
  return { className: `goal-status status-${status.replace(/_/g, '-')} risk-${risk}`, colour: RISK_COLOURS[risk], symbol: SYMBOLS[risk], label };
}

/** CSS for the badge classes only (never other elements that share a risk class), for the report's one style block: coloured text with its shape before it. */
export function goalStatusCss(): string {
  return RISK_LEVELS.map(
    (risk) =>
      `.risk.risk-${risk}, .goal-status.risk-${risk} { color: ${RISK_COLOURS[risk]}; font-weight: bold; }\n` +
      `.risk.risk-${risk}::before, .goal-status.risk-${risk}::before { content: "${SYMBOLS[risk]} "; }\n` +
      `.risk-${risk}.badge { color: ${PAPER}; background: ${RISK_COLOURS[risk]}; padding: 0 0.3em; }\n`,
  ).join('');
}
