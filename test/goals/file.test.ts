// The goals file: shape errors from zod and semantic errors from checkGoals, each pointing at its line.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { translator } from '../../src/i18n/index.js';
const english = translator('en');
import { builtInCodebook, type Codebook } from '../../src/config/codebook.js';
import { ConfigError, exitCodeFor } from '../../src/errors.js';
import { parseYaml } from '../../src/config/yaml.js';
import { matchDistrict } from '../../src/districts.js';
import { checkGoals, checkPlannedCompletes, goalProblems, goalTitle, indicatorRanges, loadGoals, parseGoals, type GoalContext } from '../../src/goals/file.js';
import { scratchFolder } from '../helpers/scratch.js';

function codebook(): Codebook {
  const book = builtInCodebook();
  book.indicators.push({ id: 'satisfaction_mean', type: 'mean', item: 'police_satisfaction', label: {} });
  return book;
}

const CONTEXT: GoalContext = {
  indicators: indicatorRanges(codebook()),
  districts: ['Appels', 'Oudegem', 'Sint-Gillis', 'Grembergen', 'Élouges'],
  themes: builtInCodebook().themes,
  waves: ['2023', '2026'],
  checkedWave: null,
};

const GOOD = `goals:
  - id: G1
    title: Fewer residents of Oudegem feel unsafe often or always
    indicator: unsafe_often
    district: Oudegem
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.10
    deadline: 2029
    themes: [burglary, drugs]
  - id: G2
    indicator: insecurity_index
    direction: decrease
    baseline:
      wave: "2023"
      value: 3.4
    target: 3
    deadline: 2029
`;

/** One goal in block style; `extra` lines are appended to it (line 10 onwards). */
function oneGoal(fields: Partial<Record<'id' | 'indicator' | 'district' | 'direction' | 'baseline' | 'target' | 'deadline' | 'themes', string>>, extra = ''): string {
  const f = {
    id: 'G1',
    indicator: 'unsafe_often',
    district: 'Oudegem',
    direction: 'decrease',
    baseline: '{ wave: 2023, value: 0.14 }',
    target: '0.10',
    deadline: '2029',
    themes: '[burglary]',
    ...fields,
  };
  // line 1 goals:, 2 id, 3 indicator, 4 district, 5 direction, 6 baseline, 7 target, 8 deadline, 9 themes
  return `goals:
  - id: ${f.id}
    indicator: ${f.indicator}
    district: ${f.district}
    direction: ${f.direction}
    baseline: ${f.baseline}
    target: ${f.target}
    deadline: ${f.deadline}
    themes: ${f.themes}
${extra}`;
}

/** What an error says, as one object: its message's parameters and where it points. */
function facts(error: ConfigError): Record<string, unknown> {
  return { ...error.detail.params, file: error.location.file, line: error.location.line };
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(exitCodeFor(error)).toBe(4);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

const check = (text: string, context: GoalContext = CONTEXT) => checkGoals(parseGoals('goals.yaml', text), context);

describe('a valid goals file', () => {
  test('parses to goals in file order with years as strings and defaults filled in', () => {
    const goals = check(GOOD);
    expect(goals).toEqual([
      {
        id: 'G1',
        title: 'Fewer residents of Oudegem feel unsafe often or always',
        indicator: 'unsafe_often',
        district: 'Oudegem',
        direction: 'decrease',
        baseline: { wave: '2023', value: null },
        target: 0.1,
        deadline: '2029',
        themes: ['burglary', 'drugs'],
      },
      {
        id: 'G2',
        title: null,
        indicator: 'insecurity_index',
        district: null,
        direction: 'decrease',
        baseline: { wave: '2023', value: 3.4 },
        target: 3,
        deadline: '2029',
        themes: [],
      },
    ]);
  });

  test('lineOf points at the keys of each goal', () => {
    const file = parseGoals('goals.yaml', GOOD);
    expect(file.lineOf(['goals', 0, 'target'])).toBe(8);
    expect(file.lineOf(['goals', 1, 'baseline', 'value'])).toBe(16);
    expect(file.lineOf(['goals', 1])).toBe(11);
  });

  test('a district is returned as the store spells it (whitespace, Unicode form, case)', () => {
    expect(check(oneGoal({ district: '"  oudegem "' }))[0].district).toBe('Oudegem');
    expect(check(oneGoal({ district: '"Sint-Gillis"' }))[0].district).toBe('Sint-Gillis');
    // "É" written as E + combining acute (NFD) is the same district as the store's NFC spelling.
    expect(check(oneGoal({ district: '"E\u0301louges"' }))[0].district).toBe('Élouges');
  });

  test('an exact district match wins over a case-insensitive one, and an ambiguous one is refused', () => {
    expect(matchDistrict('AA', ['Aa', 'AA'])).toBe('AA');
    expect(matchDistrict('aa', ['Aa', 'AA'])).toBeNull();
    expect(matchDistrict('aa', ['Aa', 'Bb'])).toBe('Aa');
    expect(matchDistrict('Sint  Gillis', ['Sint Gillis'])).toBe('Sint Gillis');
  });

  test('a district: null and a numeric id are accepted', () => {
    const [goal] = check(oneGoal({ district: 'null', id: '7' }));
    expect(goal.district).toBeNull();
    expect(goal.id).toBe('7');
  });

  test('a target equal to the baseline (hold the line) is accepted', () => {
    expect(check(oneGoal({ target: '0.14' }))[0].target).toBe(0.14);
  });

  test('a mean indicator takes its range from the item scale', () => {
    expect(CONTEXT.indicators.get('satisfaction_mean')).toEqual({ kind: 'mean', min: 1, max: 5 });
    expect(CONTEXT.indicators.get('unsafe_often')).toEqual({ kind: 'share', min: 0, max: 1 });
    expect(CONTEXT.indicators.get('insecurity_index')).toEqual({ kind: 'score', min: 0, max: 10 });
  });

  test('no store waves known: a baseline without a value is not checked against them', () => {
    expect(check(oneGoal({ baseline: '{ wave: 2020 }' }), { ...CONTEXT, waves: [] })[0].baseline).toEqual({ wave: '2020', value: null });
  });
});

describe('syntax and shape errors point at their line', () => {
  test('YAML syntax error', () => {
    const error = configError(() => parseGoals('goals.yaml', 'goals:\n  - id: G1\n    indicator: [unsafe_often\n    target: 0.1\n'));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(facts(error).file).toBe('goals.yaml');
    expect(facts(error).line).toBe(4);
  });

  test('a key given twice in one goal is a syntax error on the second', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({}, '    target: 0.12\n')));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(facts(error).line).toBe(10);
  });

  test('unknown key', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({}, '    owner: wijkinspecteur\n')));
    expect(error.detail.key).toBe('config.unknown_key');
    expect(facts(error)).toMatchObject({ file: 'goals.yaml', line: 10 });
  });

  test('unknown key inside the baseline', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({ baseline: '{ wave: 2023, valeur: 0.14 }' })));
    expect(error.detail).toEqual({ key: 'config.unknown_key_suggest', params: { key: 'goals.0.baseline.valeur', suggestion: 'value' } });
    expect(facts(error)).toMatchObject({ line: 6 });
  });

  test('a direction that is neither decrease nor increase', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({ direction: 'down' })));
    expect(error.detail.key).toBe('config.invalid');
    expect(facts(error)).toMatchObject({ line: 5 });
  });

  test('a target that is not a number', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({ target: '10%' })));
    expect(facts(error)).toMatchObject({ line: 7 });
  });

  test('a missing required key points at its goal', () => {
    const text = 'goals:\n  - id: G1\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023 }\n    deadline: 2029\n';
    const error = configError(() => parseGoals('goals.yaml', text));
    expect(facts(error)).toMatchObject({ line: 2 });
  });

  test('a file without the goals list', () => {
    const error = configError(() => parseGoals('goals.yaml', 'goal:\n  - id: G1\n'));
    // the stray key is the cause of the missing list, so it is reported, with the key meant
    expect(error.detail).toEqual({ key: 'config.unknown_key_suggest', params: { key: 'goal', suggestion: 'goals' } });
    expect(facts(error)).toMatchObject({ line: 1 });
  });

  test('a misspelled key is reported as itself, not as the key it makes missing, with the key meant', () => {
    const text = oneGoal({}).replace('deadline:', 'dedline:');
    const error = configError(() => parseGoals('goals.yaml', text));
    expect(error.detail).toEqual({ key: 'config.unknown_key_suggest', params: { key: 'goals.0.dedline', suggestion: 'deadline' } });
    expect(english.message(error.detail)).toBe('unknown key `goals.0.dedline`; did you mean `deadline`?');
    expect(facts(error).line).toBe(text.split('\n').findIndex((line) => line.includes('dedline')) + 1);
  });

  test('a decimal comma gets a hint', () => {
    const error = configError(() => parseGoals('goals.yaml', oneGoal({ target: '0,10' })));
    expect(error.detail.key).toBe('config.invalid');
    expect(english.message(error.hint!)).toBe('write numbers with a decimal point in YAML: 0.10, not 0,10.');
  });

  test('loadGoals reads a file, and a missing file is a configuration error', () => {
    const dir = scratchFolder('safety-scan-goals-');
    try {
      writeFileSync(join(dir, 'plan-goals.yaml'), GOOD);
      const file = loadGoals(join(dir, 'plan-goals.yaml'));
      expect(file.file).toBe('plan-goals.yaml');
      expect(file.goals.map((goal) => goal.id)).toEqual(['G1', 'G2']);
      expect(configError(() => loadGoals(join(dir, 'nowhere.yaml'))).detail.key).toBe('config.missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('semantic errors name the goal, the key and the line', () => {
  test('a value quoted by a message is shown by the rule of a refused cell: personal data as *** (adversarial run r18b, finding 3)', () => {
    const shown = (error: ConfigError) => [...(['en', 'nl', 'fr'] as const)].map((lang) => translator(lang).message(error.detail)).join('\n');
    const theme = configError(() => check(oneGoal({ themes: '["BE71 0961 2345 6769"]' })));
    expect(facts(theme)).toMatchObject({ line: 9, goal: 'G1', value: '***' });
    const indicator = configError(() => check(oneGoal({ indicator: 'jan.peeters@example.com' })));
    expect(facts(indicator)).toMatchObject({ line: 3, value: '***' });
    const year = configError(() => check(oneGoal({ baseline: '{ wave: "Dhr. J. Peeters" }' })));
    expect(year.detail.key).toBe('goals.bad_year');
    expect(facts(year)).toMatchObject({ line: 6, value: '***' });
    for (const error of [theme, indicator, year]) expect(shown(error)).not.toMatch(/peeters|0961/i);
    // a value that names no one is still shown, to be corrected
    expect(facts(configError(() => check(oneGoal({ themes: '[burglry]' }))))).toMatchObject({ value: 'burglry' });
    expect(facts(configError(() => check(oneGoal({ deadline: '20299' }))))).toMatchObject({ value: '20299' });
    // a district that is personal data: refused as such with or without a store (`validate`), never shown
    for (const districts of [CONTEXT.districts, null]) {
      for (const district of ['"jan.peeters@example.com"', '"Dhr. J. Peeters"', '"Kerkstraat 12"']) {
        const [error] = goalProblems(parseGoals('goals.yaml', oneGoal({ district })), { ...CONTEXT, districts });
        expect(error.detail).toEqual({ key: 'goals.personal_district', params: { goal: 'G1' } });
        expect(error.location).toMatchObject({ file: 'goals.yaml', line: 4 });
        expect(exitCodeFor(error)).toBe(4);
      }
    }
    // planned completes for a district the store does not know: its name withheld when it is personal data
    const planned = parseGoals('goals.yaml', `${oneGoal({})}planned_completes:\n  districts: { "jan.peeters@example.com": 120, Oudgem: 80 }\n`);
    const unknown = configError(() => checkPlannedCompletes(planned, CONTEXT.districts ?? []));
    expect(unknown.detail.params).toMatchObject({ value: '***' });
    expect(configError(() => checkPlannedCompletes({ ...planned, planned: { zone: null, districts: new Map([['Oudgem', 80]]) } }, CONTEXT.districts ?? [])).detail.params).toMatchObject({ value: 'Oudgem' });
  });

  test('an unknown district lists the first 20 districts of a large store and counts the rest', () => {
    // a 5,000-district store printed every name in one message (bench scale case, stop 40)
    const districts = Array.from({ length: 5_000 }, (_, i) => `District ${String(i + 1).padStart(4, '0')}`);
    const error = configError(() => check(oneGoal({ district: 'Nergens' }), { ...CONTEXT, districts }));
    const text = english.message(error.detail);
    expect(text).toMatch(/use one of: District 0001, .*, District 0020 and 4,980 more\.$/);
    expect(text).not.toContain('District 0021');
    // a short list is whole, and none is a dash
    expect(english.message(configError(() => check(oneGoal({ district: 'Nergens' }))).detail)).toMatch(/use one of: Appels, Oudegem, Sint-Gillis, Grembergen, Élouges\.$/);
    expect(english.message(configError(() => check(oneGoal({ district: 'Nergens' }), { ...CONTEXT, districts: [] })).detail)).toMatch(/use one of: -\.$/);
  });

  test('unknown indicator, with the closest suggestion', () => {
    const error = configError(() => check(oneGoal({ indicator: 'unsafe_oftn' })));
    expect(error.detail.key).toBe('goals.unknown_indicator');
    expect(facts(error)).toMatchObject({ file: 'goals.yaml', line: 3, goal: 'G1', value: 'unsafe_oftn' });
    expect(english.message(error.detail)).toMatch(/\(did you mean unsafe_often[,?]/);
    expect(english.message(error.detail)).toContain('unknown indicator `unsafe_oftn` (did you mean unsafe_often');
    expect(error.location).toMatchObject({ file: 'goals.yaml', line: 3 });
  });

  test('a problem code without its prefix suggests the problem indicator', () => {
    const error = configError(() => check(oneGoal({ indicator: 'drugs' })));
    expect(english.message(error.detail)).toMatch(/\(did you mean problem_drugs[,?]/);
  });

  test('unknown district, with the closest suggestion', () => {
    const error = configError(() => check(oneGoal({ district: 'Oudegm' })));
    expect(facts(error)).toMatchObject({ line: 4, goal: 'G1', value: 'Oudegm' });
    expect(english.message(error.detail)).toContain('(did you mean Oudegem?)');
  });

  test('target outside the range of a share (with the percent hint)', () => {
    const error = configError(() => check(oneGoal({ target: '10', baseline: '{ wave: 2023 }' })));
    expect(facts(error)).toMatchObject({ line: 7, goal: 'G1', value: 10, min: 0, max: 1 });
    expect(error.hint?.key).toBe('hint.share_proportion');
    expect(english.message(error.hint!)).toContain('write 0.10 for 10%');
  });

  test('a share target at the ends of its range is accepted, just beyond is not', () => {
    expect(check(oneGoal({ target: '0', baseline: '{ wave: 2023 }' }))[0].target).toBe(0);
    expect(check(oneGoal({ target: '1', direction: 'increase', baseline: '{ wave: 2023 }' }))[0].target).toBe(1);
    expect(configError(() => check(oneGoal({ target: '-0.01', baseline: '{ wave: 2023 }' }))).detail.key).toBe('goals.target_out_of_range');
    expect(configError(() => check(oneGoal({ target: '1.01', baseline: '{ wave: 2023 }' }))).detail.key).toBe('goals.target_out_of_range');
  });

  test('target outside the range of a score', () => {
    const error = configError(() => check(oneGoal({ indicator: 'insecurity_index', target: '12', baseline: '{ wave: 2023 }' })));
    expect(facts(error)).toMatchObject({ line: 7, value: 12, min: 0, max: 10 });
    expect(error.hint).toBeUndefined();
    expect(check(oneGoal({ indicator: 'insecurity_index', target: '10', direction: 'increase', baseline: '{ wave: 2023 }' }))[0].target).toBe(10);
  });

  test('target outside the scale of a mean', () => {
    const error = configError(() => check(oneGoal({ indicator: 'satisfaction_mean', target: '0.5', direction: 'increase', baseline: '{ wave: 2023 }' })));
    expect(error.detail.key).toBe('goals.target_out_of_range');
    expect(facts(error)).toMatchObject({ min: 1, max: 5 });
  });

  test('baseline value outside the range', () => {
    const error = configError(() => check(oneGoal({ baseline: '{ wave: 2023, value: 14 }' })));
    expect(facts(error)).toMatchObject({ line: 6, value: 14 });
  });

  test('deadline before the baseline, and equal to it', () => {
    const before = configError(() => check(oneGoal({ deadline: '2022' })));
    expect(facts(before)).toMatchObject({ line: 8, goal: 'G1', value: '2022', baseline_wave: '2023' });
    expect(configError(() => check(oneGoal({ deadline: '2023' }))).detail.key).toBe('goals.deadline_not_after_baseline');
    expect(check(oneGoal({ deadline: '2024' }))[0].deadline).toBe('2024');
  });

  test('a baseline wave that is not a four-digit year', () => {
    const error = configError(() => check(oneGoal({ baseline: '{ wave: 23, value: 0.14 }' })));
    expect(facts(error)).toMatchObject({ line: 6, value: '23' });
    expect(configError(() => check(oneGoal({ baseline: '{ wave: "2023-1", value: 0.14 }' }))).detail.key).toBe('goals.bad_year');
    expect(facts(configError(() => check(oneGoal({ deadline: '"end"' }))))).toMatchObject({ line: 8 });
  });

  test('a baseline taken from the store must be a stored wave', () => {
    const error = configError(() => check(oneGoal({ baseline: '{ wave: 2024 }' })));
    expect(facts(error)).toMatchObject({ line: 6, waves: '2023, 2026' });
    // With its value in the file, any earlier year will do (a monitor edition, say).
    expect(check(oneGoal({ baseline: '{ wave: 2021, value: 0.14 }' }))[0].baseline.wave).toBe('2021');
  });

  test('a target on the wrong side of a given baseline', () => {
    const error = configError(() => check(oneGoal({ target: '0.2' })));
    expect(facts(error)).toMatchObject({ line: 7, value: 0.2, baseline: 0.14 });
    const up = configError(() => check(oneGoal({ direction: 'increase', target: '0.1' })));
    expect(facts(up)).toMatchObject({ line: 7, value: 0.1, baseline: 0.14 });
    expect(check(oneGoal({ direction: 'increase', target: '0.2' }))[0].target).toBe(0.2);
  });

  test('unknown theme points at the theme itself', () => {
    const text = oneGoal({ themes: '' }, '      - burglary\n      - drug\n');
    const error = configError(() => check(text));
    expect(facts(error)).toMatchObject({ line: 11, goal: 'G1', value: 'drug' });
    expect(english.message(error.detail)).toContain('(did you mean drugs?)');
    const far = configError(() => check(oneGoal({ themes: '' }, '      - xqzw\n')));
    expect(english.message(far.detail)).toMatch(/unknown theme `xqzw`; use one of: /);
  });

  test('a theme given by the start of its code suggests the code it starts', () => {
    const error = configError(() => check(oneGoal({ themes: '' }, '      - youth\n')));
    expect(english.message(error.detail)).toMatch(/\(did you mean youth_nuisance[,?]/);
  });

  test('duplicate ids point at the second goal and name the first line', () => {
    const text = `${GOOD}  - id: G2
    indicator: avoidance
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.2
    deadline: 2029
`;
    const error = configError(() => check(text));
    expect(facts(error)).toMatchObject({ line: 19, goal: 'G2', first_line: 11 });
    expect(english.message(error.detail)).toBe('goal id `G2` is used twice (first on line 11); give each goal its own id.');
    expect(error.location).toMatchObject({ file: 'goals.yaml', line: 19 });
  });

  test('the first problem in file order is the one reported', () => {
    const text = `${GOOD}  - id: G3
    indicator: nonsense
    direction: decrease
    baseline: { wave: 2023 }
    target: 0.2
    deadline: 2020
`;
    const error = configError(() => check(text));
    expect(facts(error)).toMatchObject({ goal: 'G3', line: 20 });
  });
});

describe('titles', () => {
  test('a title is one text or one per language; the reader gets theirs, or another one that says which it is', () => {
    const [one] = parseGoals('goals.yaml', oneGoal({}, '    title: Minder onveiligheid\n')).goals;
    expect(goalTitle(one, 'fr')).toEqual({ text: 'Minder onveiligheid', lang: null });
    const [many] = parseGoals('goals.yaml', oneGoal({}, '    title: { nl: Minder onveiligheid, en: Less insecurity }\n')).goals;
    expect(goalTitle(many, 'nl')).toEqual({ text: 'Minder onveiligheid', lang: null });
    expect(goalTitle(many, 'en')).toEqual({ text: 'Less insecurity', lang: null });
    expect(goalTitle(many, 'fr')).toEqual({ text: 'Less insecurity', lang: 'en' });
    expect(goalTitle({ title: null }, 'fr')).toBeNull();
    expect(configError(() => parseGoals('goals.yaml', oneGoal({}, '    title: { de: Weniger }\n'))).detail.key).toBe('config.unknown_key');
  });
});

// adversarial run r19b, F4 c, d, e
describe('values written otherwise than the goals file expects them', () => {
  const said = (error: ConfigError) => english.message(error.detail);

  test('a blank title, in one text or in one language, is refused as an empty one is', () => {
    const empty = configError(() => parseGoals('goals.yaml', oneGoal({}, '    title: ""\n')));
    for (const title of ['"   "', '"\\t "', '{ nl: Minder, en: "  " }']) {
      const error = configError(() => parseGoals('goals.yaml', oneGoal({}, `    title: ${title}\n`)));
      expect(error.location.line).toBe(10);
      expect(said(error)).toBe(title.startsWith('{') ? said(empty).replace('goals.0.title', 'goals.0.title.en') : said(empty));
    }
    // the spaces around a title are no part of it
    expect(parseGoals('goals.yaml', oneGoal({}, '    title: " Minder "\n')).goals[0].title).toBe('Minder');
  });

  test('a value a YAML tag types (`!!binary`, `!!timestamp`) is of the wrong kind, never a map of its bytes or of defaults', () => {
    const title = configError(() => parseGoals('goals.yaml', oneGoal({}, '    title: !!binary aGVsbG8=\n')));
    expect(facts(title)).toMatchObject({ line: 10, key: 'goals.0.title' });
    expect(said(title)).toBe('`goals.0.title`: expected a text or keys with values, found a value typed by a YAML tag (such as `!!binary` or `!!timestamp`)');
    const baseline = configError(() => parseGoals('goals.yaml', oneGoal({ baseline: '!!timestamp 2023-01-01' })));
    expect(facts(baseline)).toMatchObject({ line: 6, key: 'goals.0.baseline' });
    expect(said(baseline)).toMatch(/^`goals\.0\.baseline`: expected keys with values, found a value typed by a YAML tag/);
    const nested = configError(() => parseGoals('goals.yaml', oneGoal({ baseline: '{ wave: 2023, value: !!set { a } }' })));
    expect(facts(nested)).toMatchObject({ line: 6, key: 'goals.0.baseline.value' });
    for (const lang of ['nl', 'fr'] as const) expect(translator(lang).message(title.detail)).not.toMatch(/\b(expected|found|Buffer)\b/);
  });

  test('a deadline or baseline wave written as a date is shown, with its year to write; other values by the refused-cell rule still', () => {
    const deadline = configError(() => check(oneGoal({ deadline: '2029-06-30' })));
    expect(facts(deadline)).toMatchObject({ line: 8, value: '2029-06-30' });
    expect(said(deadline)).toBe('goal G1: `deadline` must be a year from 1900 to 2199, such as 2026, not `2029-06-30`.');
    expect(deadline.hint && english.message(deadline.hint)).toBe('write the year alone: `2029`.');
    const wave = configError(() => check(oneGoal({ baseline: '{ wave: "2023-03-01", value: 0.14 }' })));
    expect(facts(wave)).toMatchObject({ line: 6, field: 'baseline.wave', value: '2023-03-01' });
    expect(wave.hint && english.message(wave.hint)).toBe('write the year alone: `2023`.');
    // a date in another form may be a birth date, as in a data file's cell
    for (const value of ['"30/07/1985"', '"19850730"']) expect(facts(configError(() => check(oneGoal({ deadline: value }))))).toMatchObject({ value: '***' });
  });

  test('a number that would be read as 0 or infinity though written otherwise is out of range at its line; 0 and .inf are what they say', () => {
    const tiny = configError(() => parseGoals('goals.yaml', oneGoal({ baseline: '{ wave: 2023, value: 1e-400 }' })));
    expect(facts(tiny)).toMatchObject({ line: 6, key: 'goals.0.baseline.value' });
    expect(said(tiny)).toBe('`goals.0.baseline.value`: the number `1e-400` is out of range: too close to 0 to be read as written, it would become 0; write 0 if you mean 0');
    const huge = configError(() => parseGoals('goals.yaml', oneGoal({ target: '-1.5E+400' })));
    expect(said(huge)).toBe('`goals.0.target`: the number `-1.5E+400` is out of range: too large to be read as written, it would become infinity');
    for (const zero of ['0', '0.0', '-0', '0e-400', '0.000e5']) expect(parseGoals('goals.yaml', oneGoal({ target: zero })).goals[0].target === 0).toBe(true);
    expect(parseGoals('goals.yaml', oneGoal({ target: '1e-300' })).goals[0].target).toBe(1e-300);
    expect(said(configError(() => parseGoals('goals.yaml', oneGoal({ target: '.inf' }))))).toMatch(/not a finite number/);
    // the configuration is read by the same rule
    const setting = configError(() => parseYaml('safety-scan.yaml', 'estimates:\n  max_ci_width: 1e-999\n'));
    expect(facts(setting)).toMatchObject({ line: 2, key: 'estimates.max_ci_width' });
  });
});
