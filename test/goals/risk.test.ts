// Risk levels, `--fail-on`, and the order districts are listed in.
import { describe, expect, test } from 'vitest';
import { compareDistricts } from '../../src/districts.js';
import { failOn, maxRisk, type RiskLevel } from '../../src/goals/risk.js';
import { STATUS_RISK } from '../../src/goals/status.js';

const risks = (...levels: RiskLevel[]) => levels.map((risk) => ({ risk }));

describe('risk levels', () => {
  test('every status has its documented risk', () => {
    expect(STATUS_RISK).toEqual({ achieved: 'low', on_track: 'low', insufficient_evidence: 'medium', unmeasurable: 'medium', behind: 'high', worsening: 'high' });
  });

  test('maxRisk is the highest, null without findings', () => {
    expect(maxRisk([])).toBeNull();
    expect(maxRisk(risks('low'))).toBe('low');
    expect(maxRisk(risks('low', 'medium', 'low'))).toBe('medium');
    expect(maxRisk(risks('medium', 'high', 'low'))).toBe('high');
  });
});

describe('--fail-on', () => {
  test('a finding reaches its own level and every lower one', () => {
    expect(failOn('low', risks('low'))).toBe(true);
    expect(failOn('medium', risks('low'))).toBe(false);
    expect(failOn('medium', risks('medium'))).toBe(true);
    expect(failOn('high', risks('medium'))).toBe(false);
    expect(failOn('high', risks('high'))).toBe(true);
    expect(failOn('low', risks('high'))).toBe(true);
  });

  test('one finding at the level is enough', () => {
    expect(failOn('high', risks('low', 'medium', 'high', 'low'))).toBe(true);
    expect(failOn('high', risks('low', 'medium', 'medium'))).toBe(false);
  });

  test('no findings, or no level asked, never fails', () => {
    expect(failOn('low', [])).toBe(false);
    expect(failOn(undefined, risks('high'))).toBe(false);
    expect(failOn(null, risks('high'))).toBe(false);
  });
});

describe('the order of districts', () => {
  test('accents and case folded, then code points (no locale data), the whole area last', () => {
    expect(['Oudegem', 'Élouges', 'appels', 'Appels'].sort(compareDistricts)).toEqual(['Appels', 'appels', 'Élouges', 'Oudegem']);
    expect(['Sint-Amandsberg', 'Sint Denijs', 'Schoonaarde'].sort(compareDistricts)).toEqual(['Schoonaarde', 'Sint Denijs', 'Sint-Amandsberg']);
    expect([null, 'Appels'].sort(compareDistricts)).toEqual(['Appels', null]);
  });
});
