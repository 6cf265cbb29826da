// Configuration, goals and mapping files that are hostile or odd: an alias bomb, a device, a huge file, a key
// that is a list, forty thousand keys. Each is a configuration error (exit 4) with its line, quickly, and no
// Node warning ever reaches the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_FREE_TEXTS, configSchema } from '../../src/config/config.js';
import { districtRenameProblems } from '../../src/config/district-renames.js';
import { validateFiles } from '../../src/config/validate.js';
import { GOAL_FREE_TEXTS, goalsFileSchema } from '../../src/goals/file.js';
import { MAX_CONFIG_BYTES, parseYaml, yamlProblems } from '../../src/config/yaml.js';
import { LANGS, translator, type MessageKey } from '../../src/i18n/index.js';
import { Workdir, explain } from '../helpers/cli.js';
import { configError } from '../helpers/errors.js';

const en = translator('en');

/** The options each parse hands the YAML library (its own duplicate-key check compares every key with every other). */
const parsed = vi.hoisted(() => ({ options: [] as unknown[] }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  const parseDocument = (...args: Parameters<typeof yaml.parseDocument>) => {
    parsed.options.push(args[1]);
    return yaml.parseDocument(...args);
  };
  return { ...yaml, parseDocument };
});


/** Nine times nine ... aliases: a few hundred bytes that would expand to millions of nodes. */
const ALIAS_BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');

describe('YAML that would exhaust the parser', () => {
  it('an alias bomb is refused as a configuration error, not expanded', () => {
    const error = configError(() => parseYaml('bomb.yaml', ALIAS_BOMB));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(en.message(error.detail)).toContain('alias bomb');
  });

  // adversarial run r21b, F1: a value holding itself ran every reader of it out of stack (exit 70)
  it.each([
    ['goals: &x\n  - *x\n', 2, 'x'],
    ['goals:\n  - &a\n    <<: *a\n    id: G1\n', 3, 'a'],
    ['a: &a [*a]\ngoals: []\n', 1, 'a'],
    ['a: &a\n  b: *a\n', 2, 'a'],
  ])('an alias inside the value its own anchor names is refused at its line: %j', (text, line, alias) => {
    const error = configError(() => parseYaml('self.yaml', text));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(error.location).toMatchObject({ file: 'self.yaml', line });
    expect(en.message(error.detail)).toContain(`the alias \`*${alias}\` stands inside the value its own anchor names`);
  });

  // adversarial run r21b, F2: `unknown key` named the key as written, an e-mail address or a titled name and phone included
  it('an unknown key that holds personal data is named as *** in the message, an ordinary one as written', () => {
    const cases: Array<[string, string]> = [
      ['zone: PZ\nweighting:\n  "Dr. J. Peeters, Kerkstraat 12, +32 470 12 34 56": 1\n', 'weighting.***'],
      ['zone: PZ\nweighting:\n  jan.peeters@example.com: 1\n', 'weighting.***'],
      ['zone: PZ\nweighting:\n  methode: rake\n', 'weighting.methode'],
    ];
    for (const [text, key] of cases) {
      const problems = yamlProblems(parseYaml('c.yaml', text), configSchema);
      expect(problems.map((problem) => problem.detail.params.key)).toEqual([key]);
    }
  });

  // adversarial run r21b, F3: a goal id written as a number skipped the check (`id: 85073003328` was printed in reports)
  it('a free text written as a number is judged as the file writes it, leading zero and all', () => {
    const goal = (id: string) => `goals:\n  - id: ${id}\n    indicator: avoidance\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2030\n`;
    for (const id of ['85073003328', '0470123456', '0612345678']) {
      const problems = yamlProblems(parseYaml('g.yaml', goal(id)), goalsFileSchema, GOAL_FREE_TEXTS);
      expect(problems.map((problem) => problem.detail.key), id).toContain('config.personal_text');
    }
    for (const id of ['1', '2026', '12']) expect(yamlProblems(parseYaml('g.yaml', goal(id)), goalsFileSchema, GOAL_FREE_TEXTS), id).toEqual([]);
  });

  it('an alias to a value elsewhere is read as that value', () => {
    expect(parseYaml('ok.yaml', 'a: &a [1, 2]\nb: *a\n').data).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it('forty thousand keys are checked for duplicates in one pass', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    parsed.options.length = 0;
    expect(Object.keys(parseYaml('big.yaml', text).data as object)).toHaveLength(40_000);
    // the library's own check compares every key with every other (12 s for these keys): it is left off, and
    // safety-scan's own check (one map per YAML map) finds duplicates, as the next test shows
    expect(parsed.options).toEqual([expect.objectContaining({ uniqueKeys: false })]);
  });

  it('a duplicate key names both lines, at any depth', () => {
    const error = configError(() => parseYaml('goals.yaml', 'goals:\n  - id: G1\n    target: 0.1\n    title: x\n    target: 0.2\n'));
    expect(error.location).toEqual({ file: 'goals.yaml', line: 5, column: 5 });
    expect(en.message(error.detail)).toContain('the key `target` is given twice (first on line 3)');
  });

  // adversarial run r31, B3c: the key was echoed raw (`"jan@x.be"` given twice in safety-scan.yaml, a heading in a mapping)
  it.each([
    ['districts:\n  "Dhr. Peeters, Kerkstraat 12": Oudegem\n  "Dhr. Peeters, Kerkstraat 12": Oudegem\n', 'Peeters'],
    ['columns:\n  "Contact[Marie Dubois]": unsafe_freq\n  "Contact[Marie Dubois]": unsafe_dark\n', 'Dubois'],
    ['zone: PZ\nweighting:\n  "jan@x.be": 1\n  "jan@x.be": 2\n', 'jan@'],
  ])('a duplicate key that holds personal data is named as ***: %j', (text, name) => {
    const error = configError(() => parseYaml('m.yaml', text));
    const said = en.message(error.detail);
    expect(said).toContain('the key `***` is given twice');
    expect(said).not.toContain(name);
    expect(error.location).toMatchObject({ file: 'm.yaml', line: text.split('\n').length - 1 });
  });

  it('a duplicate key that names a place or a column is named as written', () => {
    for (const key of ['Sint-Amandsberg', 'Q2[SQ001]', 'unsafe_freq']) {
      const error = configError(() => parseYaml('m.yaml', `columns:\n  "${key}": a\n  "${key}": b\n`));
      expect(en.message(error.detail)).toContain(`the key \`${key}\` is given twice (first on line 2)`);
    }
  });

  // adversarial run r31, item 5: an alias with no anchor was reported as an alias bomb, its name raw
  it.each([
    ['a: 1\nb: *jan_0470123456\n', 2, '***'],
    ['a: 1\nb:\n  - *dhr_peeters\n', 3, '***'],
    ['b: *base\na: &base 1\n', 1, '*base'],
  ])('an alias that names no anchor before it says so at its line, its name withheld when personal data: %j', (text, line, shown) => {
    const error = configError(() => parseYaml('m.yaml', text));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(error.location).toMatchObject({ file: 'm.yaml', line });
    const said = en.message(error.detail);
    expect(said).toContain(`the alias \`${shown}\` names no anchor`);
    expect(said).not.toMatch(/alias bomb|0470123456|peeters/);
    for (const lang of LANGS) expect(translator(lang).message(error.detail)).not.toContain('{alias}');
  });

  it('a key `__proto__` is refused on its line, at any depth (an object would drop it: a rename lost without a word)', () => {
    const error = configError(() => parseYaml('mapping.yaml', 'columns:\n  Wijk: district\ndistricts:\n  Noord: Noord\n  __proto__: Zuid\n'));
    expect(error.location).toEqual({ file: 'mapping.yaml', line: 5, column: 3 });
    expect(en.message(error.detail)).toContain('the key `__proto__` is not allowed');
    expect(parseYaml('ok.yaml', 'districts:\n  constructor: Zuid\n').data).toEqual({ districts: { constructor: 'Zuid' } });
  });
});

describe('a key that is a list or a map', () => {
  const warn = vi.spyOn(process, 'emitWarning');
  afterEach(() => warn.mockClear());
  afterAll(() => warn.mockRestore());

  it('is a configuration error on its line, with no Node warning', () => {
    const error = configError(() => parseYaml('mapping.yaml', 'columns:\n  ? [Wijk, Buurt]\n  : district\n'));
    expect(error.location).toMatchObject({ file: 'mapping.yaml', line: 2 });
    expect(en.message(error.detail)).toContain('keys must be plain words');
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('a configuration file that is not a small regular file', () => {
  const dir = new Workdir();
  afterAll(() => dir.remove());

  it.each([
    ['/dev/zero', () => '/dev/zero', 'not a regular file or folder'],
    ['a folder', () => {
      mkdirSync(dir.path('folder.yaml'), { recursive: true });
      return dir.path('folder.yaml');
    }, 'it is a folder'],
    ['a file over the size limit', () => {
      dir.write({ 'huge.yaml': `# ${'x'.repeat(MAX_CONFIG_BYTES)}\nlang: nl\n` });
      return dir.path('huge.yaml');
    }, 'the file is 4,194,316 bytes; configuration, goals and mapping files are read up to 4 MB.'],
    ['an alias bomb', () => {
      dir.write({ 'bomb.yaml': ALIAS_BOMB });
      return dir.path('bomb.yaml');
    }, 'alias bomb'],
  ])('%s is a configuration error (exit 4) naming it', async (_what, make, words) => {
    const config = make();
    const run = await dir.run(['status', '--config', config]);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toContain(config.split('/').pop());
    expect(run.stderr).toContain(words);
  });
});

describe('YAML that does not parse, in the reader\'s language (adversarial run r7, F9)', () => {
  /** The parser's own English sentences, which only --verbose may show. */
  const LIBRARY_ENGLISH = /must be sufficiently|must end with|Missing closing|Implicit|Tabs are|All mapping items|Unexpected|Plain value|Invalid escape|Source contains|Nested mappings/;

  it.each<[string, string, MessageKey, Record<string, string>, { line: number; column: number }]>([
    ['a list left open under a key', 'zone: [unclosed\n', 'yaml.unclosed_bracket', { bracket: ']' }, { line: 2, column: 1 }],
    ['a map left open under a key', 'zone: {a: 1\n', 'yaml.unclosed_bracket', { bracket: '}' }, { line: 2, column: 1 }],
    ['a list left open at the top', '[a, b\n', 'yaml.unclosed_bracket', { bracket: ']' }, { line: 2, column: 1 }],
    ['a double quote left open', 'zone: "abc\n', 'yaml.unclosed_quote', { quote: '"' }, { line: 2, column: 1 }],
    ['a single quote left open', "zone: 'abc\nb: 2\n", 'yaml.unclosed_quote', { quote: "'" }, { line: 3, column: 1 }],
    ['keys at different columns', 'a:\n  b: 1\n c: 2\n', 'yaml.indent', {}, { line: 3, column: 1 }],
    ['a tab as indentation', 'a:\n\tb: 1\n', 'yaml.tab', {}, { line: 2, column: 1 }],
    ['a key without a colon', 'a: 1\nb\nc: 2\n', 'yaml.no_value', {}, { line: 2, column: 1 }],
    ['a colon without a space', 'a:1\nb: 2\n', 'yaml.multiline_key', {}, { line: 1, column: 1 }],
    ['two documents', 'a: 1\n---\nb: 2\n', 'yaml.documents', {}, { line: 2, column: 1 }],
    ['an unknown escape', 'a: "\\q"\n', 'yaml.escape', {}, { line: 1, column: 5 }],
    ['a value starting with @', 'a: @x\n', 'yaml.reserved_start', { char: '@' }, { line: 1, column: 4 }],
    ['an empty item in a list', 'a: [1,,2]\n', 'yaml.unexpected', {}, { line: 1, column: 7 }],
  ])('%s: its reason in en, nl and fr, at the line and column the parser gives', (_what, text, key, params, place) => {
    const error = configError(() => parseYaml('syn.yaml', text));
    expect(error.detail.key).toBe('config.yaml_syntax');
    expect(error.location).toEqual({ file: 'syn.yaml', ...place });
    expect((error.cause as Error).message).toMatch(LIBRARY_ENGLISH);
    for (const lang of LANGS) {
      const t = translator(lang);
      const shown = t.message(error.detail);
      expect(shown).toContain(t.message({ key, params }));
      expect(shown).not.toMatch(LIBRARY_ENGLISH);
    }
  });

  it('the library\'s sentence is shown only with --verbose, after the line in the reader\'s language', async () => {
    const dir = new Workdir().write({ 'syn.yaml': 'zone: [unclosed\n' });
    try {
      const run = await dir.run(['--lang', 'nl', '--config', 'syn.yaml', 'status']);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toBe('fout: syn.yaml:2:1: geen geldige YAML: een haakje is niet gesloten: de sluitende `]` ontbreekt, of de volgende regel springt niet ver genoeg in\n');
      const fr = await dir.run(['--lang', 'fr', '--config', 'syn.yaml', 'status']);
      expect(fr.stderr).toMatch(/^erreur\u202f: syn\.yaml:2:1: le fichier n’est pas du YAML valide\u202f: un crochet ou une accolade n’est pas fermé/);
      expect(fr.stderr).not.toMatch(LIBRARY_ENGLISH);
      const verbose = await dir.run(['--lang', 'nl', '--verbose', '--config', 'syn.yaml', 'status']);
      expect(verbose.stderr).toContain('Flow sequence in block collection must be sufficiently indented and end with a ]');
    } finally {
      dir.remove();
    }
  });
});

describe('a number written with an exponent', () => {
  it('is refused where a whole number is needed (`min_cell: 1e1`): exit 4 at its line, saying to write 10', async () => {
    const dir = new Workdir().write({ 'exp.yaml': 'estimates:\n  level: 9.5e-1\n  min_cell: 1e1\n', 'ok.yaml': 'estimates:\n  level: 9.5e-1\n  min_cell: 10\n' });
    try {
      const run = await dir.run(['--config', 'exp.yaml', 'status']);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toBe('error: exp.yaml:3: `estimates.min_cell`: a whole number is needed here: write it in plain digits (10), not as `1e1`\n');
      const validated = await dir.run(['--lang', 'fr', 'validate', 'exp.yaml']);
      expect(validated.code, explain(validated)).toBe(4);
      expect(validated.stdout).toContain('un nombre entier est attendu ici\u202f: écrivez-le simplement en chiffres (10), et non sous la forme `1e1`');
      // an exponent where any number will do (the level) is read as the number it is
      expect((await dir.run(['--config', 'ok.yaml', 'codebook'])).code).toBe(0);
    } finally {
      dir.remove();
    }
  });
});

describe('a whole number written in hexadecimal or octal, or a year with an exponent (adversarial run r17b, finding 1)', () => {
  const goal = (deadline: string, planned = '') => `goals:\n  - id: g1\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023, value: 0.2 }\n    target: 0.1\n    deadline: ${deadline}\n${planned}`;
  it('is refused in the configuration (`min_cell: 0x0A`, `0o12`) as an exponent is, at its line, in every language', async () => {
    const dir = new Workdir().write({ 'hex.yaml': 'estimates:\n  level: 0.95\n  min_cell: 0x0A\n', 'oct.yaml': 'estimates:\n  min_cell: 0o12\n' });
    try {
      const run = await dir.run(['--config', 'hex.yaml', 'status']);
      expect(run.code, explain(run)).toBe(4);
      expect(run.stderr).toBe('error: hex.yaml:3: `estimates.min_cell`: a whole number is needed here: write it in plain digits (10), not as `0x0A`\n');
      const validated = await dir.run(['--lang', 'nl', 'validate', 'oct.yaml']);
      expect(validated.code, explain(validated)).toBe(4);
      expect(validated.stdout).toContain('oct.yaml:2: `estimates.min_cell`: hier is een geheel getal nodig: schrijf het gewoon in cijfers (10), niet als `0o12`');
    } finally {
      dir.remove();
    }
  });
  it('is refused in a goals file, through the same reader: a deadline in octal or with an exponent, planned completes in hexadecimal', async () => {
    const dir = new Workdir().write({
      'octal.yaml': goal('0o3755'),
      'exponent.yaml': goal('2.03e3'),
      'hex.yaml': goal('2029', 'planned_completes: 0x3E8\n'),
      'fine.yaml': goal('2029', 'planned_completes: 1000\n'),
    });
    try {
      for (const [file, line, key, value, whole] of [
        ['octal.yaml', 7, 'goals.0.deadline', '0o3755', '2029'],
        ['exponent.yaml', 7, 'goals.0.deadline', '2.03e3', '2030'],
        ['hex.yaml', 8, 'planned_completes', '0x3E8', '1000'],
      ]) {
        const run = await dir.run(['validate', String(file)]);
        expect(run.code, explain(run)).toBe(4);
        expect(run.stdout).toContain(`${file}:${line}: \`${key}\`: a whole number is needed here: write it in plain digits (${whole}), not as \`${value}\``);
      }
      const fine = await dir.run(['validate', 'fine.yaml']);
      expect(fine.code, explain(fine)).toBe(0);
    } finally {
      dir.remove();
    }
  });

  // adversarial run r36, minor: `target: 0x10` was read as 16, and a deadline of 2200 named no wave
  it('is refused for a target in hexadecimal or octal too, an exponent staying a way to write a fraction; a deadline after 2199 is no year', async () => {
    const dir = new Workdir().write({
      'hex-target.yaml': goal('2029').replace('target: 0.1', 'target: 0x10'),
      'octal-target.yaml': goal('2029').replace('target: 0.1', 'target: 0o1'),
      'exponent-target.yaml': goal('2029').replace('target: 0.1', 'target: 1e-1'),
      'late.yaml': goal('2200'),
    });
    try {
      for (const [file, value, number] of [['hex-target.yaml', '0x10', '16'], ['octal-target.yaml', '0o1', '1']]) {
        const run = await dir.run(['validate', file]);
        expect(run.code, explain(run)).toBe(4);
        expect(run.stdout).toContain(`${file}:6: \`goals.0.target\`: write this number in plain digits (${number}), not as \`${value}\``);
      }
      expect((await dir.run(['validate', 'exponent-target.yaml'])).code).toBe(0);
      const late = await dir.run(['validate', 'late.yaml']);
      expect(late.code, explain(late)).toBe(4);
      expect(late.stdout).toContain('late.yaml:7: goal g1: `deadline` must be a year from 1900 to 2199, such as 2026, not `2200`.');
    } finally {
      dir.remove();
    }
  });
});

// adversarial run r31, C1: a goal's title holding a direction override was written raw into `check --format xlsx`
describe('a text printed as written that holds a bidirectional formatting character', () => {
  const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
  const goal = (title: string) => `goals:\n  - id: G1\n    title: "${title}"\n    indicator: unsafe_often\n    direction: decrease\n    baseline: { wave: 2023 }\n    target: 0.1\n    deadline: 2029\n`;
  const dir = new Workdir();
  afterAll(() => dir.remove());

  it.each(BIDI.map((char) => [`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, char]))('a goal\'s title holding %s is refused at its line, the text not shown', (_name, char) => {
    const problems = yamlProblems(parseYaml('g.yaml', goal(`Minder ${char}overlast\u202c in Oudegem`)), goalsFileSchema, GOAL_FREE_TEXTS);
    expect(problems.map((problem) => [problem.detail.key, problem.location?.line])).toEqual([['config.text_control', 3]]);
    expect(en.message(problems[0].detail)).not.toContain('overlast');
  });

  it('a label of the configuration, the zone\'s name and a district rename are refused too', () => {
    const label = yamlProblems(parseYaml('c.yaml', 'indicators:\n  - id: x\n    type: mean\n    item: unsafe_freq\n    label: { nl: "Onveilig \\u2067gevoel" }\n'), configSchema, CONFIG_FREE_TEXTS);
    expect(label.map((problem) => [problem.detail.key, problem.location?.line])).toEqual([['config.text_control', 5]]);
    const zone = yamlProblems(parseYaml('c.yaml', 'zone: "PZ \\u202eSchelde"\n'), configSchema, CONFIG_FREE_TEXTS);
    expect(zone.map((problem) => en.message(problem.detail))).toEqual([expect.stringContaining('control character')]);
    const renames = districtRenameProblems({ Oud: 'Appels\u200f' }, parseYaml('c.yaml', 'districts:\n  Oud: "Appels\\u200f"\n'));
    expect(renames.map((problem) => problem.detail.key)).toEqual(['config.district_name_characters']);
  });

  it('`validate` reports it at its line (exit 4 in the command)', () => {
    writeFileSync(dir.path('gb.yaml'), goal('Minder \\u202Eoverlast\\u202C in Oudegem'));
    const [check] = validateFiles([{ file: 'gb.yaml', path: dir.path('gb.yaml') }], { as: 'goals', runConfig: null });
    expect(check.problems.map((problem) => [problem.detail.key, problem.location?.line])).toEqual([['config.text_control', 3]]);
  });

  it('texts in right-to-left scripts, and marks that join letters, are accepted', () => {
    for (const title of ['Veiligheid in de wijk', 'الأمان في الحي', 'ביטחון בשכונה', 'امنیت\u200cمحله', 'Minder overlast 👩\u200d👧']) {
      expect(yamlProblems(parseYaml('g.yaml', goal(title)), goalsFileSchema, GOAL_FREE_TEXTS), title).toEqual([]);
    }
  });
});
