// Personal data in district, area and code columns is refused at import, never stored (adversarial run r7, F5 and F8):
// an e-mail address, phone, IBAN, IP address, national number or token as a district or area; those, a person's name
// or a street address as a signal's source or a key figure's organisation type. Real district names and codes pass.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Workdir, explain, type Run } from '../helpers/cli.js';

const workdirs: Workdir[] = [];
afterAll(() => {
  for (const workdir of workdirs) workdir.remove();
});

function workdir(files: Record<string, string>): Workdir {
  const made = new Workdir().write(files);
  workdirs.push(made);
  return made;
}

interface Imported {
  run: Run;
  stored: number;
  rejected: number;
  rejects: string;
}

async function imported(dir: Workdir, kind: string, file: string): Promise<Imported> {
  const run = await dir.run(['import', '--kind', kind, file, '--json']);
  expect(run.code, explain(run)).toBe(0);
  const [outcome] = JSON.parse(run.stdout).files;
  const rejects = outcome.rejects_file === null ? '' : readFileSync(outcome.rejects_file as string, 'utf8');
  return { run, stored: outcome.rows_stored, rejected: outcome.rows_rejected, rejects };
}

/** The store file's bytes as text (SQLite keeps short text as it is written). */
const storeBytes = (dir: Workdir) => readFileSync(dir.path('safety-scan.db')).toString('latin1');

const POPULATION = 'district|sex|age_group|population\nOudegem|M|15-29|100\nSint Amandsberg|F|15-29|100\n';

describe('a district or area that looks like personal data', () => {
  const identifiers = ['jan.peeters@example.be', 'BE68539007547034', '+32 470 12 34 56', '192.168.77.77', '0470123456', '85.07.30-033.61', '2001:db8::77'];

  it('is refused in population figures, saying why, written as *** in the rejects file, and never stored', async () => {
    const dir = workdir({ 'pop.csv': `${POPULATION}${identifiers.map((name) => `${name}|M|15-29|50`).join('\n')}\n` });
    const { stored, rejected, rejects } = await imported(dir, 'population', 'pop.csv');
    expect({ stored, rejected }).toEqual({ stored: 2, rejected: identifiers.length });
    const lines = rejects.split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(identifiers.length);
    for (const line of lines) expect(line).toMatch(/^\d+\|district \(1\)\|\"?the value in district looks like personal data .*\"?\|\*\*\*\|M\|15-29\|50$/);
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', '5390075', '470 12', '0470123456', '192.168', '85.07.30', 'db8::']) {
      expect(rejects).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
    expect(bytes).toContain('Sint Amandsberg');
  });

  it('is refused in every kind with a district or area column', async () => {
    const dir = workdir({
      'pop.csv': POPULATION,
      'survey.csv': 'respondent_id,wave,district,sex,age,unsafe_freq\nR1,2026,Oudegem,F,30,2\nR2,2026,jan.peeters@example.be,M,40,3\nR3,2026,0470123456,M,40,3\n',
      'signals.csv': 'date,district,theme,source,count\n2026-01-22,Oudegem,speeding,complaint,1\n2026-01-23,192.168.77.77,speeding,complaint,1\n',
      'kf.csv': 'interview_id,wave,district,organisation_type,theme,severity,trend\nK1,2026,Oudegem,school,burglary,3,same\nK2,2026,BE68539007547034,school,burglary,3,same\n',
      // adversarial run r9, F6: a LimeSurvey access token and a web address were stored as monitor areas
      'monitor.csv': 'wave,area,indicator,value\n2026,Belgium,unsafe_often,0.1\n2026,2001:db8::77,unsafe_often,0.2\n2026,jan.peeters@example.be,unsafe_often,0.2\n2026,LCNPyrty5w2hJQG,unsafe_often,0.2\n2026,https://x.example/r?id=jan,unsafe_often,0.2\n',
    });
    await imported(dir, 'population', 'pop.csv');
    for (const [kind, file, refused] of [['survey', 'survey.csv', 2], ['signals', 'signals.csv', 1], ['keyfigures', 'kf.csv', 1], ['monitor', 'monitor.csv', 4]] as const) {
      const { stored, rejected, rejects } = await imported(dir, kind, file);
      expect({ kind, stored, rejected }).toEqual({ kind, stored: 1, rejected: refused });
      expect(rejects).toContain(kind === 'monitor' ? 'the value in area looks like personal data' : 'the value in district looks like personal data');
      expect(rejects).toContain('***');
    }
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', '0470123456', '192.168', '5390075', 'db8::', 'LCNPyrty5w2hJQG', 'x.example']) expect(bytes).not.toContain(shown);
  });
});

describe('a district or area written as an identifier in another spelling (adversarial run r13, item 1)', () => {
  const identifiers = ['(0470) 12 34 56', 'BE 68 5390 0754 7034', 'BE68-5390-0754-7034', '1ABC123', '1 ABC 123', '1-abc-123', '1.ABC.123', 'fe80::1%eth0', 'ftp://x.be', 'x.be/pad', 'tel_0470123456', 'lcnpyrty5w2hjqg', 'jan_peeters_at_telenet_be'];
  const pieces = ['12 34 56', '5390', 'ABC', 'abc', 'fe80', 'x.be', '0470123456', 'lcnpyrty', 'telenet'];

  it('is refused in population figures and monitor areas, written as *** and never stored', async () => {
    const dir = workdir({
      'pop.csv': `${POPULATION}${identifiers.map((name) => `${name}|M|15-29|50`).join('\n')}\n`,
      'monitor.csv': `wave;area;indicator;value\n2026;Belgium;unsafe_often;0.1\n${identifiers.map((name) => `2026;${name};unsafe_often;0.2`).join('\n')}\n`,
    });
    const population = await imported(dir, 'population', 'pop.csv');
    expect({ stored: population.stored, rejected: population.rejected }).toEqual({ stored: 2, rejected: identifiers.length });
    const monitor = await imported(dir, 'monitor', 'monitor.csv');
    expect({ stored: monitor.stored, rejected: monitor.rejected }).toEqual({ stored: 1, rejected: identifiers.length });
    const bytes = storeBytes(dir);
    for (const shown of pieces) {
      expect(population.rejects).not.toContain(shown);
      expect(monitor.rejects).not.toContain(shown);
      expect(population.run.stderr + monitor.run.stderr).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
  });
});

describe('a district or area that is a street address or a name a title or an initial marks (adversarial run r14, F5 and F8)', () => {
  const names = ['Kerkstraat 12 bus 3', 'Rue Haute 12', 'Avenue Louise 54', 'Mevrouw Dubois', 'J. Peeters'];
  const pieces = ['Kerkstraat', 'Haute', 'Louise', 'Dubois', 'Peeters'];

  it('is refused in monitor areas and in a survey imported before any population figures, and never stored', async () => {
    const dir = workdir({
      'monitor.csv': `wave;area;indicator;value\n2026;Belgium;unsafe_often;0.1\n${names.map((name) => `2026;${name};unsafe_often;0.2`).join('\n')}\n`,
      'survey.csv': `respondent_id,wave,district,sex,age,unsafe_freq\nS0,2026,Oudegem,M,40,3\n${names.map((name, i) => `S${i + 1},2026,${name},F,41,2`).join('\n')}\n`,
    });
    const monitor = await imported(dir, 'monitor', 'monitor.csv');
    expect({ stored: monitor.stored, rejected: monitor.rejected }).toEqual({ stored: 1, rejected: names.length });
    const survey = await imported(dir, 'survey', 'survey.csv');
    expect({ stored: survey.stored, rejected: survey.rejected }).toEqual({ stored: 1, rejected: names.length });
    const bytes = storeBytes(dir);
    for (const shown of pieces) {
      expect(monitor.rejects + survey.rejects).not.toContain(shown);
      expect(monitor.run.stderr + survey.run.stderr).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
  });
});

describe('a district or area with a marked name or an address after another word (adversarial run r20b, finding 1)', () => {
  // each was stored and printed: only the whole cell was judged, not its parts and a few of its words as in a free text
  const names = ['Wijk J. Peeters', 'Wijk Mevr. Dubois', 'Zuid (Dr. Peeters)', 'Wijk rond dhr. Peeters', 'Noord, Kerkstraat 12', 'Totaal Dr. Jan Peeters', 'Whole area J. Peeters', 'Hele zone Mevr. Dubois'];
  const places = ['Wijk St. Gillis', 'Zone O.L.V. Lombeek', 'Zone A Noord', 'Noord (Sint-Jan)'];

  it('is refused in population figures and monitor areas and never stored; places beside a leading word are stored', async () => {
    const dir = workdir({
      'pop.csv': `${POPULATION}${[...names, ...places].map((name) => `"${name}"|M|15-29|50`).join('\n')}\n`,
      'monitor.csv': `wave;area;indicator;value\n2026;Belgium;unsafe_often;0.1\n${names.map((name) => `2026;"${name}";unsafe_often;0.2`).join('\n')}\n`,
    });
    const population = await imported(dir, 'population', 'pop.csv');
    expect({ stored: population.stored, rejected: population.rejected }).toEqual({ stored: 2 + places.length, rejected: names.length });
    const monitor = await imported(dir, 'monitor', 'monitor.csv');
    expect({ stored: monitor.stored, rejected: monitor.rejected }).toEqual({ stored: 1, rejected: names.length });
    const bytes = storeBytes(dir);
    for (const shown of ['Peeters', 'Dubois', 'Kerkstraat']) {
      expect(population.rejects + monitor.rejects + population.run.stderr + monitor.run.stderr).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
    for (const place of places) expect(bytes).toContain(place);
  });
});

describe('a code column holding a name, an address or an identifier', () => {
  it('refuses it in a signal\'s source as written, before it is made a code, and stores real codes', async () => {
    const dir = workdir({
      'pop.csv': POPULATION,
      'sig.csv': [
        'date,district,theme,source,count',
        '2025-01-22,Oudegem,speeding,Jan Peeters Kerkstraat 12,1',
        '2025-02-21,Oudegem,burglary,BE68539007547034,1',
        '2025-02-22,Oudegem,burglary,Marie Dubois,2',
        '2025-02-23,Oudegem,burglary,kerkstraat 12,2',
        '2025-02-24,Oudegem,burglary,jan@example.be,2',
        '2025-03-01,Oudegem,burglary,police_cafe,1',
        '2025-03-02,Oudegem,burglary,Police cafe,1',
        '2025-03-03,Oudegem,burglary,Klacht,1',
        '2025-03-04,Oudegem,burglary,plainte,1',
        '2025-03-05,Oudegem,burglary,Politiecafé,1',
        '2025-03-06,Oudegem,burglary,neighbourhood_officer,1',
        '2025-03-07,Oudegem,burglary,Wijkagent,1',
      ].join('\n'),
    });
    await imported(dir, 'population', 'pop.csv');
    const { stored, rejected, rejects } = await imported(dir, 'signals', 'sig.csv');
    expect({ stored, rejected }).toEqual({ stored: 7, rejected: 5 });
    const lines = rejects.split('\r\n').filter(Boolean).slice(1);
    expect(lines.map((line) => line.split(',')[0])).toEqual(['2', '3', '4', '5', '6']);
    for (const line of lines) expect(line).toMatch(/^\d,source \(4\),"the value in source looks like personal data .*",\d{4}-\d\d-\d\d,Oudegem,(?:burglary|speeding),\*\*\*,\d$/);
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', 'Peeters', 'kerkstraat', 'dubois', 'Dubois', 'be68539007547034', '5390075', 'example']) {
      expect(rejects).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
    for (const code of ['police_cafe', 'complaint', 'neighbourhood_officer']) expect(bytes).toContain(code);
    for (const spelling of ['Klacht', 'plainte', 'Politiecaf', 'Wijkagent']) expect(bytes).not.toContain(spelling);
  });

  it('refuses it in a key figure\'s organisation type', async () => {
    const dir = workdir({
      'pop.csv': POPULATION,
      'kf.csv': 'interview_id,wave,district,organisation_type,theme,severity,trend,note\nK1,2026,Oudegem,school,burglary,3,same,\nK2,2026,Oudegem,Jan Peeters,burglary,3,same,\nK3,2026,Oudegem,Kerkstraat 12,burglary,3,same,\nK4,2026,Oudegem,Youth work,burglary,3,same,\nK5,2026,Oudegem,Jeugdwerk,burglary,3,same,\n',
    });
    await imported(dir, 'population', 'pop.csv');
    const { stored, rejected, rejects } = await imported(dir, 'keyfigures', 'kf.csv');
    expect({ stored, rejected }).toEqual({ stored: 3, rejected: 2 });
    expect(rejects.split('\r\n')[1]).toMatch(/^3,organisation_type \(4\),"the value in organisation_type looks like personal data .*",~[0-9a-f]{32},2026,Oudegem,\*\*\*,burglary,3,same$/);
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', 'Peeters', 'kerkstraat', 'Kerkstraat']) {
      expect(rejects).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
  });
});

describe('an import file named with an identifier (adversarial run r13, item 3)', () => {
  it('names its rejects file with that part as xxx', async () => {
    const dir = workdir({ 'pop.csv': POPULATION, 'sig_jan.peeters@telenet.be.csv': 'date,district,theme,source,count\n2026-01-22,Oudegem,speeding,jan,1\n2026-01-23,Oudegem,speeding,complaint,1\n' });
    await imported(dir, 'population', 'pop.csv');
    const { run } = await imported(dir, 'signals', 'sig_jan.peeters@telenet.be.csv');
    expect(readdirSync(dir.path('rejects'))).toEqual(['sig_xxx.signals.rejects.csv']);
    expect(run.stderr).toContain('sig_xxx.signals.rejects.csv');
  });

  it('is stored and shown by status with that part as ***', async () => {
    const names = ['pop_jan.peeters@telenet.be.csv', 'pop 0470 12 34 56.csv', 'pop_BE68 5390 0754 7034.csv', '85.07.30-033.61.csv', 'pop_LCNPyrty5w2hJQG.csv'];
    const file = (wave: number) => `district|sex|age_group|population|wave\nOudegem|M|15-29|100|${wave}\nSint Amandsberg|F|15-29|100|${wave}\n`;
    const dir = workdir(Object.fromEntries(names.map((name, i) => [name, file(2020 + i)])));
    for (const name of names) {
      const run = await dir.run(['import', '--kind', 'population', name]);
      expect(run.code, explain(run)).toBe(0);
    }
    const status = await dir.run(['status']);
    const json = await dir.run(['status', '--json']);
    expect(status.code, explain(status)).toBe(0);
    expect(JSON.parse(json.stdout).batches.map((batch: { file: string }) => batch.file)).toEqual(['pop_***.csv', 'pop ***.csv', 'pop_***.csv', '***.csv', 'pop_***.csv']);
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', '0470', '5390', '85.07.30', 'LCNPyrty']) {
      expect(status.stdout + status.stderr).not.toContain(shown);
      expect(json.stdout).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
  });

  it('a mapping file named with an identifier is stored by the same rule: no folders, the part withheld (adversarial run r18, F3)', async () => {
    const mapping = 'map jan.peeters@telenet.be 0475 12 34 56.yaml';
    const dir = workdir({ [mapping]: 'columns:\n  wijk: district\n', 'pop.csv': POPULATION, 'sig.csv': 'date,wijk,theme,source,count\n2026-01-22,Oudegem,speeding,complaint,1\n' });
    await imported(dir, 'population', 'pop.csv');
    const run = await dir.run(['import', '--kind', 'signals', '--mapping', dir.path(mapping), 'sig.csv']);
    expect(run.code, explain(run)).toBe(0);
    const bytes = storeBytes(dir);
    for (const shown of ['peeters', '0475', dir.path('')]) expect(bytes).not.toContain(shown);
    expect(bytes).toContain('"mapping":"map *** ***.yaml"');
  });

  // a title or a street address marks a name in a file's name as in a cell (adversarial run r17, item 4); a plain name stays
  // (a common first name and a surname at its start is a person's since adversarial run r37, B1: a surname alone here)
  it('withholds a name a title marks, a street address and a plate as in a cell, in the store, status and the rejects file', async () => {
    const names = ['Dhr. Peeters.csv', 'Kerkstraat 12.csv', 'sig ab-12-cd.csv', 'enquete Dubois.csv'];
    const signals = (day: number) => `date,district,theme,source,count\n2026-01-${day},Oudegem,speeding,complaint,1\n2026-01-${day},Oudegem,speeding,complaint,x\n`;
    const dir = workdir({ 'pop.csv': POPULATION, ...Object.fromEntries(names.map((name, i) => [name, signals(10 + i)])) });
    await imported(dir, 'population', 'pop.csv');
    for (const name of names) await imported(dir, 'signals', name);
    const json = await dir.run(['status', '--json']);
    expect(JSON.parse(json.stdout).batches.map((batch: { file: string }) => batch.file)).toEqual(['pop.csv', '***.csv', '***.csv', 'sig ***.csv', 'enquete Dubois.csv']);
    expect(readdirSync(dir.path('rejects')).sort()).toEqual(['enquete Dubois.signals.rejects.csv', 'sig xxx.signals.rejects.csv', 'xxx.signals.2.rejects.csv', 'xxx.signals.rejects.csv']);
    const bytes = storeBytes(dir);
    for (const shown of ['Peeters', 'Kerkstraat', 'ab-12-cd']) {
      expect(json.stdout).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
  });
});

describe('map, on a district column holding identifiers (adversarial run r13, item 5)', () => {
  it('shows none of them as a district to map or a value refused, and counts them', async () => {
    const plates = ['1ABC123', '1-abc-123', '1.ABC.123', '1 ABC 123', 'tel_0470123456', 'fe80::1%eth0', 'x.be/pad'];
    const dir = workdir({
      'pop.csv': POPULATION,
      's.csv': `respondent_id,wave,district,sex,age,unsafe_freq\n${plates.map((name, i) => `R${i},2026,${name},F,30,2`).join('\n')}\nR9,2026,Oudgem,M,30,1\n`,
    });
    await imported(dir, 'population', 'pop.csv');
    const run = await dir.run(['map', '--kind', 'survey', 's.csv']);
    expect(run.code, explain(run)).toBe(0);
    expect(run.stdout).toMatch(/^# TODO 7 district names are not in the population figures and are not shown here/m);
    expect(run.stdout).toContain('  Oudgem: Oudegem');
    for (const shown of ['ABC', 'abc', '0470', 'fe80', 'x.be']) expect(run.stdout + run.stderr).not.toContain(shown);
  });
});

// a signal's source and a key figure's organisation type took any code, a first name too (adversarial run r13, item 6)
describe('a code column takes the built-in partner kinds and channels and the declared codes only', () => {
  const SIGNALS = 'date,district,theme,source,count\n2026-01-22,Oudegem,speeding,Politiecafé,1\n2026-01-23,Oudegem,speeding,jan,1\n2026-01-24,Oudegem,speeding,Buurtwerking,2\n2026-01-25,Oudegem,speeding,plainte,1\n';
  const KEYFIGURES = 'interview_id,wave,district,organisation_type,theme,severity,trend\nK1,2026,Oudegem,École,burglary,3,same\nK2,2026,Oudegem,peeters,burglary,3,same\nK3,2026,Oudegem,schoolbus,burglary,3,same\nK4,2026,Oudegem,Wijkinspecteur,burglary,3,same\n';

  it('refuses any other code as not declared, withheld, with where to declare it (en, nl, fr)', async () => {
    const dir = workdir({ 'pop.csv': POPULATION, 'sig.csv': SIGNALS, 'kf.csv': KEYFIGURES });
    await imported(dir, 'population', 'pop.csv');
    const signals = await imported(dir, 'signals', 'sig.csv');
    expect({ stored: signals.stored, rejected: signals.rejected }).toEqual({ stored: 2, rejected: 2 });
    const lines = signals.rejects.split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\d,source \(4\),"the code in source is neither one safety-scan knows \(police_cafe, .*\) nor one the configuration declares: .*declare it under `codebook: signal_sources:` in safety-scan.yaml",2026-01-2\d,Oudegem,speeding,\*\*\*,\d$/);
    expect(signals.run.stderr).toContain('code not declared');
    const keyfigures = await imported(dir, 'keyfigures', 'kf.csv');
    expect({ stored: keyfigures.stored, rejected: keyfigures.rejected }).toEqual({ stored: 2, rejected: 2 });
    expect(keyfigures.rejects).toContain('declare it under `codebook: organisation_types:`');
    const bytes = storeBytes(dir);
    for (const shown of ['jan', 'Buurtwerking', 'buurtwerking', 'peeters', 'schoolbus']) {
      expect(signals.rejects + keyfigures.rejects + signals.run.stderr + keyfigures.run.stderr).not.toContain(shown);
      expect(bytes).not.toContain(shown);
    }
    for (const code of ['police_cafe', 'complaint', 'school', 'neighbourhood_officer']) expect(bytes).toContain(code);
    for (const [lang, words] of [['nl', 'voeg hem dan toe onder `codebook: signal_sources:`'], ['fr', 'déclarez-le sous `codebook: signal_sources:`']]) {
      dir.write({ 'sig2.csv': 'date,district,theme,source,count\n2026-02-22,Oudegem,speeding,jan,1\n' });
      const run = await dir.run(['--lang', lang, 'import', '--kind', 'signals', '--dry-run', 'sig2.csv']);
      expect(run.stderr).toContain(words);
    }
  });

  it('stores the codes the configuration declares, in any case and spacing', async () => {
    const dir = workdir({
      'safety-scan.yaml': 'codebook:\n  signal_sources: [buurtwerking]\n  organisation_types: [schoolbus]\n',
      'pop.csv': POPULATION,
      'sig.csv': SIGNALS,
      'kf.csv': KEYFIGURES,
    });
    await imported(dir, 'population', 'pop.csv');
    const signals = await imported(dir, 'signals', 'sig.csv');
    expect({ stored: signals.stored, rejected: signals.rejected }).toEqual({ stored: 3, rejected: 1 });
    const keyfigures = await imported(dir, 'keyfigures', 'kf.csv');
    expect({ stored: keyfigures.stored, rejected: keyfigures.rejected }).toEqual({ stored: 3, rejected: 1 });
    const bytes = storeBytes(dir);
    for (const code of ['buurtwerking', 'schoolbus']) expect(bytes).toContain(code);
    for (const shown of ['jan', 'peeters']) expect(bytes).not.toContain(shown);
  });
});
