// Headings that are data (a file saved without its header row, or a heading holding an e-mail address, a
// phone number, an IBAN, a name or an address) are never shown or stored: messages, --json, `map` and the
// store show `***` (adversarial run r7, F10).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO, explain, useWorkdirs, type Workdir } from '../helpers/cli.js';

const workdir = useWorkdirs();

const NO_HEADER = [
  'R1;2026;Oudegem;F;40;2;jan.peeters@example.be;0470123456;Jan Peeters;Kerkstraat 12',
  'R2;2026;Oudegem;F;40;2;an@example.be;0470654321;An Smet;Dorp 1',
].join('\n');
const DATA_HEADINGS = [
  // also a name or address after a label and a colon, a user name among words (adversarial run r11, 8)
  'respondent_id;wave;district;sex;age;unsafe_freq;jan.peeters@example.be;Contact 0470123456;BE68539007547034;E-mail [marie@example.be];Naam: An Smet;Straat: Dorp 1;x jan.peeters y',
  'H1;2026;Oudegem;F;40;2;x;y;z;w;v;u;t',
].join('\n');
const IDENTIFIERS = ['jan.peeters', 'example.be', '0470123456', '0470654321', 'Jan Peeters', 'Peeters', 'Kerkstraat', 'An Smet', 'Dorp 1', 'BE68539007547034', 'marie'];

function expectNoIdentifier(text: string, where: string): void {
  for (const identifier of IDENTIFIERS) expect(text.includes(identifier), `${identifier} in ${where}:\n${text}`).toBe(false);
}

/** The bytes of the store's files, as one text. */
function storeBytes(dir: Workdir): string {
  const files = readdirSync(dir.dir).filter((name) => name.startsWith('safety-scan.db'));
  return Buffer.concat(files.map((name) => readFileSync(dir.path(name)))).toString('latin1');
}

describe.each(['en', 'nl'])('headings that are data (--lang %s)', (lang) => {
  it('a file without its header row: the missing-column error hints at the header row and lists no cell; map withholds them', async () => {
    const dir = workdir().write({ 'nohdr.csv': NO_HEADER });
    const run = await dir.run(['--lang', lang, 'import', '--kind', 'survey', 'nohdr.csv']);
    expect(run.code, explain(run)).toBe(3);
    expect(run.stderr).toMatch(lang === 'en' ? /the first line looks like data: does the file have a header row\?/ : /de eerste regel lijkt gegevens te bevatten: heeft het bestand wel een kopregel\?/);
    expect(run.stderr).not.toMatch(/R1, 2026/);
    expectNoIdentifier(run.stdout + run.stderr, 'import');
    const json = await dir.run(['--lang', lang, 'import', '--kind', 'survey', '--json', 'nohdr.csv']);
    expect(json.code, explain(json)).toBe(3);
    expectNoIdentifier(json.stdout + json.stderr, 'import --json');
    const map = await dir.run(['--lang', lang, 'map', 'nohdr.csv']);
    expect(map.code, explain(map)).toBe(0);
    expectNoIdentifier(map.stdout + map.stderr, 'map');
    // without a header row, no cell of the first line is written as a heading, whatever it looks like (r12, 8)
    expect(map.stdout).toMatch(lang === 'en' ? /TODO the headings of columns 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 look like data/ : /TODO de koppen van kolommen 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 lijken op gegevens/);
    expect(map.stdout).not.toMatch(/nothing to rename|niets te hernoemen/);
    // not even a harmless cell: the first line is a respondent's
    expect(map.stdout).not.toMatch(/`Oudegem`/);
  });

  it('a file without its header row whose cells look harmless on their own: map writes none of them (adversarial run r12, 8)', async () => {
    const dir = workdir().write({ 'noheader.csv': 'R1,2026,Oudegem,M,40,PEETERS,30/07/1985,marie_dubois\nR2,2026,Oudegem,F,41,x,y,z\n' });
    const map = await dir.run(['--lang', lang, 'map', 'noheader.csv']);
    expect(map.code, explain(map)).toBe(0);
    for (const cell of ['PEETERS', '30/07/1985', 'marie_dubois', 'R1']) expect(map.stdout + map.stderr).not.toContain(cell);
  });

  it('headings holding an identifier: ignored and dropped columns are *** in messages, --json, map and the store', async () => {
    const dir = workdir().write({ 'h.csv': DATA_HEADINGS });
    expect((await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const run = await dir.run(['--lang', lang, 'import', '--kind', 'survey', 'h.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/: \*\*\*, \*\*\*, \*\*\*, \*\*\*, \*\*\*, \*\*\*$/m);
    expectNoIdentifier(run.stdout + run.stderr, 'import');
    const json = await dir.run(['--lang', lang, 'import', '--kind', 'survey', '--replace', '--json', 'h.csv']);
    expect(json.code, explain(json)).toBe(0);
    expectNoIdentifier(json.stdout + json.stderr, 'import --json');
    const file = JSON.parse(json.stdout).files[0];
    expect(file.ignored_columns).toEqual(['***', '***', '***', '***', '***', '***']);
    expect(file.dropped_columns).toEqual(['***']);
    const status = await dir.run(['--lang', lang, 'status', '--json']);
    expectNoIdentifier(status.stdout + status.stderr, 'status');
    expectNoIdentifier(storeBytes(dir), 'the store');
    const map = await dir.run(['--lang', lang, 'map', 'h.csv']);
    expect(map.code, explain(map)).toBe(0);
    expectNoIdentifier(map.stdout + map.stderr, 'map');
  });
});

describe('headings that name an identifier column', () => {
  it('are still named when dropped', async () => {
    const dir = workdir().write({ 'named.csv': 'respondent_id;wave;district;sex;age;unsafe_freq;E-mailadres\nH1;2026;Oudegem;F;40;2;jan@example.be\n' });
    const run = await dir.run(['import', '--kind', 'survey', '--dry-run', 'named.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/dropped and never stored: E-mailadres/);
  });
});

describe('a mapping that reads a column whose heading is data', () => {
  const FILE = 'respondent_id;wave;district;sex;jan.peeters@example.be;unsafe_freq\nH1;2026;Oudegem;F;abc;2\nH2;2026;Oudegem;F;40;2\n';

  it('names it *** in the reasons, --json issues and the rejects file', async () => {
    const dir = workdir().write({ 'm.csv': FILE, 'mapping.yaml': 'columns:\n  "jan.peeters@example.be": age\n' });
    expect((await dir.run(['import', '--kind', 'population', `${DEMO}/population.csv`])).code).toBe(0);
    const run = await dir.run(['import', '--kind', 'survey', '--mapping', 'mapping.yaml', '--json', 'm.csv']);
    expect(run.code, explain(run)).toBe(0);
    const file = JSON.parse(run.stdout).files[0];
    expect(file.rows_rejected).toBe(1);
    expect(file.issues[0].column).toBe('***');
    expectNoIdentifier(run.stdout + run.stderr, 'import --json');
    const rejects = readdirSync(dir.path('rejects')).map((name) => readFileSync(dir.path('rejects', name), 'utf8')).join('\n');
    expect(rejects).toMatch(/\*\*\*/);
    expectNoIdentifier(rejects, 'the rejects file');
    expectNoIdentifier(storeBytes(dir), 'the store');
  });

  it('lists the file’s columns with *** when a `keep:` names none of them', async () => {
    const dir = workdir().write({ 'm.csv': FILE, 'mapping.yaml': 'columns:\n  "jan.peeters@example.be": age\nkeep:\n  nosuch: [x]\n' });
    const run = await dir.run(['import', '--kind', 'survey', '--mapping', 'mapping.yaml', '--dry-run', 'm.csv']);
    expect(run.code, explain(run)).toBe(4);
    expect(run.stderr).toMatch(/respondent_id, wave, district, sex, \*\*\*, unsafe_freq/);
    expectNoIdentifier(run.stdout + run.stderr, 'import');
  });
});

// a column dropped as personal data was stored once a user mapping renamed it (adversarial run r22, F3)
describe.each(['en', 'fr'])('a mapping that reads a column of personal data (--lang %s)', (lang) => {
  const FILE = 'respondent_id;wave;firstname;sex;age;unsafe_freq;E-mailadres\nA1;2026;Jan;M;40;2;jan.peeters@example.be\nA2;2026;Marie;F;41;3;marie@example.be\n';
  const cases: [string, string, string, string][] = [
    ['a rename to a district', 'columns:\n  firstname: district\n', 'columns.firstname', 'firstname'],
    ['a rename as a measure of the layout', 'constants:\n  district: Oudegem\ncolumns:\n  E-mailadres: unsafe_dark\n', 'columns.E-mailadres', 'E-mailadres'],
    ['a flag', 'constants:\n  district: Oudegem\nflags:\n  unsafe_dark:\n    firstname: 1\n', 'flags.unsafe_dark.firstname', 'firstname'],
  ];
  it.each(cases)('%s is a configuration error at its line, and nothing is stored', async (_name, yaml, key, column) => {
    const dir = workdir().write({ 'f.csv': FILE, 'm.yaml': yaml });
    const run = await dir.run(['--lang', lang, 'import', '--kind', 'survey', '--mapping', 'm.yaml', 'f.csv']);
    expect(run.code, explain(run)).toBe(4);
    const line = yaml.split('\n').findIndex((text) => text.trim().startsWith(`${key.split('.').at(-1)}:`)) + 1;
    expect(run.stderr).toContain(`m.yaml:${line}:`);
    expect(run.stderr).toContain(`\`${key}\``);
    expect(run.stderr).toMatch(lang === 'en' ? new RegExp(`column ${column} \\(column \\d+ of f\\.csv\\), but that column holds personal data`) : new RegExp(`colonne ${column} \\(colonne \\d+ de f\\.csv\\), mais cette colonne contient des données personnelles`));
    for (const value of ['Jan', 'Marie', 'jan.peeters', 'marie@']) expect(run.stdout + run.stderr).not.toContain(value);
    expect(readdirSync(dir.dir).filter((name) => name.startsWith('safety-scan.db'))).toEqual([]);
  });
});

describe('a heading of several lines', () => {
  it('is *** when one of its lines is data, in messages, --json and the store (adversarial run r10, F5)', async () => {
    const keyfigures = readFileSync(`${DEMO}/keyfigures.csv`, 'utf8').split(/\r?\n/);
    const dir = workdir().write({ 'k.csv': `${keyfigures[0]},"Kerkstraat 12\nKerkstraat 12","Opmerking\r\nJan Peeters"\n${keyfigures[1]},x,y\n` });
    const run = await dir.run(['import', '--kind', 'keyfigures', 'k.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toMatch(/columns ignored: \*\*\*, \*\*\*$/m);
    expectNoIdentifier(run.stdout + run.stderr, 'import');
    const json = await dir.run(['import', '--kind', 'keyfigures', '--replace', '--json', 'k.csv']);
    expect(JSON.parse(json.stdout).files[0].ignored_columns).toEqual(['***', '***']);
    expectNoIdentifier(json.stdout + json.stderr, 'import --json');
    expectNoIdentifier(storeBytes(dir), 'the store');
  });
});

// the list of columns not read printed identifiers in other spellings and names with initials (adversarial run r13, item 4)
describe('the columns an import does not read', () => {
  it('are listed with headings that are identifiers or names as ***, and identifier columns in longer headings are dropped as such', async () => {
    const headings = ['J. Peeters', 'Mevr. Dubois', 'Peeters J.', '"van den Berg, J."', 'BE 68 5390 0754 7034', '1 ABC 123', 'fe80::1%eth0', 'lcnpyrty5w2hjqg'];
    const dir = workdir().write({
      'pop.csv': `district,sex,age_group,population,${headings.join(',')},Uw e-mailadres (optioneel),Adresse e-mail du répondant,Opmerking\nOudegem,M,15-29,100,${headings.map(() => 'x').join(',')},y,z,w\n`,
    });
    const run = await dir.run(['import', '--kind', 'population', 'pop.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stderr).toContain('dropped and never stored: Uw e-mailadres (optioneel), Adresse e-mail du répondant');
    // headings that are data make the first line look like data: every heading the kind does not know is then
    // withheld, as `map` withholds it (adversarial run r14, F6: one rule for both)
    expect(run.stderr).toContain('columns ignored: ***, ***, ***, ***, ***, ***, ***, ***, ***');
    for (const shown of ['Peeters', 'Dubois', 'Berg', '5390', 'ABC', 'fe80', 'lcnpyrty']) expect(run.stdout + run.stderr).not.toContain(shown);
  });
});
