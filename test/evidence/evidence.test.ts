// The evidence layer, the goals check and the report model, called directly on the demo zone's store: every
// store read goes through one object per run, each wave is weighted once, and a result serves every request
// it covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { ConfigError, InputError, UsageError } from '../../src/errors.js';
import { Evidence } from '../../src/evidence/evidence.js';
import { runCheck } from '../../src/goals/check.js';
import { loadGoals } from '../../src/goals/file.js';
import { buildProfiles } from '../../src/profile/profile.js';
import { buildReport } from '../../src/report/model.js';
import { Store } from '../../src/store/db.js';
import { SqliteReader } from '../../src/store/reader.js';
import { DEMO, Workdir, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
let store: Store;
const settings = defaultSettings();
const evidence = () => new Evidence(new SqliteReader(store), settings);
const definitionsOf = (...ids: string[]) => ids.map((id) => settings.codebook.indicators.find((definition) => definition.id === id)!);

beforeAll(() => {
  store = Store.open(demo.path('zone', 'safety-scan.db'), { mode: 'read' });
});
afterAll(() => store.close());

describe('waves', () => {
  it('lists the survey waves and picks the latest by default', async () => {
    const ev = evidence();
    expect(await ev.waves()).toEqual(['2023', '2026']);
    expect(await ev.wave()).toBe('2026');
    expect(await ev.wave('2023')).toBe('2023');
    expect(await ev.previousWave('2026')).toBe('2023');
    expect(await ev.previousWave('2023')).toBeNull();
  });

  it('refuses a wave the store does not hold, naming the ones it does', async () => {
    try {
      await evidence().wave('2020');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).detail).toEqual({ key: 'usage.unknown_wave', params: { value: '2020', waves: '2023, 2026' } });
    }
  });

  it('says when the store holds no survey at all', async () => {
    const empty = new Workdir();
    try {
      await empty.run(['import', '--kind', 'population', `${DEMO}/population.csv`]);
      const only = Store.open(empty.path('safety-scan.db'), { mode: 'read' });
      try {
        await expect(new Evidence(new SqliteReader(only), settings).wave()).rejects.toThrow(InputError);
      } finally {
        only.close();
      }
    } finally {
      empty.remove();
    }
  });
});

describe('estimates', () => {
  it('weights a wave once, however many estimates are asked of it', async () => {
    const ev = evidence();
    const a = await ev.estimates('2026', { definitions: definitionsOf('unsafe_often') });
    const b = await ev.estimates('2026', { definitions: definitionsOf('unsafe_general') });
    expect(a.design).toBe(b.design);
    expect((await ev.weightedWave('2026')).design).toBe(a.design);
  });

  it('serves a request from an earlier result that covers it, in the order asked for', async () => {
    const ev = evidence();
    const all = await ev.estimates('2026');
    const some = await ev.estimates('2026', { definitions: definitionsOf('insecurity_index', 'unsafe_often') });
    expect(some.definitions.map((d) => d.id)).toEqual(['insecurity_index', 'unsafe_often']);
    expect(some.rows).toEqual([...all.rows.filter((row) => row.indicator === 'insecurity_index'), ...all.rows.filter((row) => row.indicator === 'unsafe_often')]);
    expect(some.scores.map((score) => score.indicator)).toEqual(['insecurity_index']);
    expect(await ev.estimates('2026')).toBe(all);
  });

  it('computes influence values only when asked, and then serves plain requests from them', async () => {
    const ev = evidence();
    const plain = await ev.estimates('2023', { definitions: definitionsOf('unsafe_often') });
    expect(plain.vsArea.size).toBe(0);
    const withInfluence = await ev.estimates('2023', { definitions: definitionsOf('unsafe_often'), influence: true });
    expect(withInfluence.vsArea.get('unsafe_often')?.length).toBe(withInfluence.districts.length);
    expect(withInfluence.rows).toEqual(plain.rows);
  });

  it('gives every wave up to one as history', async () => {
    const rows = await evidence().history('2026', definitionsOf('unsafe_often'));
    expect([...new Set(rows.map((row) => row.wave))]).toEqual(['2023', '2026']);
    expect((await evidence().history('2023', definitionsOf('unsafe_often'))).every((row) => row.wave === '2023')).toBe(true);
  });

  it('carries the interval level and thresholds the rows were made with', async () => {
    const at90 = new Evidence(new SqliteReader(store), { ...settings, estimates: { ...settings.estimates, level: 0.9 } });
    expect((await at90.estimates('2026', { definitions: definitionsOf('unsafe_often') })).thresholds.level).toBe(0.9);
    expect((await evidence().estimates('2026', { definitions: definitionsOf('unsafe_often') })).thresholds).toEqual({ level: 0.95, minCell: 10, minNEff: 30, maxCiWidth: 0.3, maxRelWidth: 1.3 });
  });
});

describe('the goals check', () => {
  it('judges every goal of the file, with gaps and divergences, the same way twice', async () => {
    const ev = evidence();
    const goals = loadGoals(`${DEMO}/goals.yaml`);
    const result = await runCheck(ev, await buildProfiles(ev, '2026'), goals);
    expect(result.wave).toBe('2026');
    expect(result.goalsFile).toBe('goals.yaml');
    expect(result.goals.map((goal) => goal.goal.id)).toEqual(goals.goals.map((goal) => goal.id));
    expect(new Set(result.goals.map((goal) => goal.status.status)).size).toBeGreaterThanOrEqual(4);
    expect(result.maxRisk).toBe('high');
    const again = evidence();
    expect(await runCheck(again, await buildProfiles(again, '2026'), loadGoals(`${DEMO}/goals.yaml`))).toEqual(result);
  });

  it('refuses a target on the wrong side of the baseline the store gives, naming the goal and its line', async () => {
    const dir = new Workdir();
    try {
      // Oudegem's unsafe_often was 14.6% in 2023: a decrease to 20% is a typo that would otherwise read "achieved".
      dir.write({ 'goals.yaml': 'goals:\n  - id: G9\n    indicator: unsafe_often\n    district: Oudegem\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.20\n    deadline: 2029\n' });
      const ev = evidence();
      let error: unknown;
      try {
        await runCheck(ev, await buildProfiles(ev, '2026'), loadGoals(dir.path('goals.yaml')));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const detail = (error as ConfigError).detail;
      expect(detail.key).toBe('goals.target_above_stored_baseline');
      expect(detail.params).toMatchObject({ goal: 'G9', value: 0.2, baseline_wave: '2023' });
      expect((error as ConfigError).location).toEqual({ file: 'goals.yaml', line: 7 });
    } finally {
      dir.remove();
    }
  });

  it('without a goals file checks gaps and divergences only', async () => {
    const ev = evidence();
    const result = await runCheck(ev, await buildProfiles(ev, '2026'), null);
    expect(result.goals).toEqual([]);
    expect(result.gaps.length).toBeGreaterThan(0);
    expect(result.goalsFile).toBeNull();
  });
});

describe('the report model', () => {
  it('gathers the profiles, the check, the change since the previous wave and every wave’s rows', async () => {
    const model = await buildReport(evidence(), { wave: '2026', goals: loadGoals(`${DEMO}/goals.yaml`) });
    expect(model.waves).toEqual(['2023', '2026']);
    expect(model.comparison?.from).toBe('2023');
    expect(model.comparison?.to).toBe('2026');
    expect(new Set(model.history.map((row) => row.wave))).toEqual(new Set(['2023', '2026']));
    expect(model.headline.some((definition) => definition.id.startsWith('problem_'))).toBe(false);
    expect(model.sources.survey).toEqual({ '2023': 1382, '2026': 1502 });
    expect(model.fdr).toBe(0.05);
  });

  it('has no previous wave to compare with in the first wave', async () => {
    const model = await buildReport(evidence(), { wave: '2023', goals: null });
    expect(model.comparison).toBeNull();
  });
});
