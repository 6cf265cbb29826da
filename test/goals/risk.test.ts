// Risk levels, `--fail-on`, and the order findings are reported in.
import { describe, expect, test } from 'vitest';
import type { Goal } from '../../src/goals/file.js';
import type { ExpectationGap } from '../../src/goals/gaps.js';
import { compareDistricts, failOn, isRiskLevel, maxRisk, sortFindings, type GoalFinding, type RiskLevel } from '../../src/goals/risk.js';
import { goalStatus, STATUS_RISK } from '../../src/goals/status.js';

const risks = (...levels: RiskLevel[]) => levels.map((risk) => ({ risk }));

describe('risk levels', () => {
  test('every status has its documented risk', () => {
    expect(STATUS_RISK).toEqual({ achieved: 'low', on_track: 'low', insufficient_evidence: 'medium', behind: 'high', worsening: 'high' });
  });

  test('maxRisk is the highest, null without findings', () => {
    expect(maxRisk([])).toBeNull();
    expect(maxRisk(risks('low'))).toBe('low');
    expect(maxRisk(risks('low', 'medium', 'low'))).toBe('medium');
    expect(maxRisk(risks('medium', 'high', 'low'))).toBe('high');
  });

  test('isRiskLevel accepts the three levels only', () => {
    expect(['low', 'medium', 'high'].every(isRiskLevel)).toBe(true);
    expect(isRiskLevel('critical')).toBe(false);
    expect(isRiskLevel('High')).toBe(false);
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

describe('the order of findings', () => {
  const goal = (id: string): Goal => ({
    id,
    title: null,
    indicator: 'unsafe_often',
    district: null,
    direction: 'decrease',
    baseline: { wave: '2023', value: 0.14 },
    target: 0.1,
    deadline: '2029',
    themes: [],
  });
  const goalFinding = (index: number, id: string): GoalFinding => {
    const result = goalStatus(goal(id), { source: 'file', value: 0.14 }, null);
    return { kind: 'goal', index, goal: goal(id), result, risk: result.risk };
  };
  const gap = (district: string, rank: number, theme: string): ExpectationGap => ({
    kind: 'expectation_gap',
    district,
    theme,
    rank,
    estimate: 0.5,
    flag: 'ok',
    risk: 'medium',
  });

  test('goals in file order first, then gaps by district and rank; the input is left as it was', () => {
    const findings = [gap('Oudegem', 2, 'drugs'), goalFinding(2, 'Z9'), gap('Appels', 1, 'speeding'), goalFinding(0, 'G7'), gap('Oudegem', 1, 'noise'), goalFinding(1, 'A1')];
    const before = [...findings];
    const sorted = sortFindings(findings);
    expect(sorted.map((f) => (f.kind === 'goal' ? `goal:${f.goal.id}` : `${f.district}:${f.rank}`))).toEqual([
      'goal:G7',
      'goal:A1',
      'goal:Z9',
      'Appels:1',
      'Oudegem:1',
      'Oudegem:2',
    ]);
    expect(findings).toEqual(before);
  });

  test('districts collate in human order, the whole area last', () => {
    expect(['Oudegem', 'Élouges', 'appels', 'Appels'].sort(compareDistricts)).toEqual(['appels', 'Appels', 'Élouges', 'Oudegem']);
    expect([null, 'Appels'].sort(compareDistricts)).toEqual(['Appels', null]);
  });
});
