// Goal badges: the status-to-risk rule, class names, and colours that read on white and for colour-blind readers.
import { describe, expect, test } from 'vitest';
import { RISK_LEVELS as RISKS } from '../../src/goals/risk.js';
import { goalStatusCss, riskBadge, statusBadge } from '../../src/render/charts/index.js';

/** WCAG 2 relative luminance and contrast. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** Machado et al. (2009) full-severity simulations in linear RGB, then CIELAB distance. */
const SIMULATIONS: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
function lab(hex: string, matrix: number[][]): number[] {
  const linear = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const [r, g, b] = matrix.map((row) => Math.min(1, Math.max(0, row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2])));
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe('goal status and risk', () => {
  test('docs/methods.md section 9: a status badge takes the risk of its status, whose one home is the goals module', () => {
    expect(statusBadge('achieved', '').className).toBe('goal-status status-achieved risk-low');
    expect(statusBadge('on_track', '').className).toBe('goal-status status-on-track risk-low');
    expect(statusBadge('insufficient_evidence', '').className).toBe('goal-status status-insufficient-evidence risk-medium');
    expect(statusBadge('behind', '').className).toBe('goal-status status-behind risk-high');
    expect(statusBadge('worsening', '').className).toBe('goal-status status-worsening risk-high');
  });

  test('risk badges carry a class, a colour, a shape and the caller\'s words', () => {
    expect(riskBadge('high', 'hoog')).toEqual({ className: 'risk risk-high', colour: '#6A0A3C', symbol: '▲', label: 'hoog' });
  });

  test('status badges carry the status class and the class of its risk', () => {
    expect(statusBadge('insufficient_evidence', 'onvoldoende gegevens').className).toBe('goal-status status-insufficient-evidence risk-medium');
    expect(statusBadge('on_track', 'op schema').colour).toBe(riskBadge('low', '').colour);
  });

  test('every risk colour passes WCAG AA (4.5:1) as text on white', () => {
    for (const risk of RISKS) expect(contrastOnWhite(riskBadge(risk, '').colour)).toBeGreaterThanOrEqual(4.5);
  });

  test('the risk colours stay apart under every kind of colour blindness', () => {
    for (const [name, matrix] of Object.entries(SIMULATIONS)) {
      for (let i = 0; i < RISKS.length; i++) {
        for (let j = i + 1; j < RISKS.length; j++) {
          const [a, b] = [lab(riskBadge(RISKS[i], '').colour, matrix), lab(riskBadge(RISKS[j], '').colour, matrix)];
          expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `${name}: ${RISKS[i]} vs ${RISKS[j]}`).toBeGreaterThan(20);
        }
      }
    }
  });

  test('each risk has its own shape, so black-and-white print still tells them apart', () => {
    expect(new Set(RISKS.map((risk) => riskBadge(risk, '').symbol)).size).toBe(3);
  });

  test('the CSS styles every risk class with its colour and shape', () => {
    const css = goalStatusCss();
    for (const risk of RISKS) {
      const badge = riskBadge(risk, '');
      expect(css).toContain(`.risk-${risk} { color: ${badge.colour};`);
      expect(css).toContain(`.risk-${risk}::before { content: "${badge.symbol} "; }`);
    }
    expect(css).not.toMatch(/url\(|@import|http/);
  });
});
