// District and area names that print other than they are (adversarial run r17, items 2 and 3): a word mixing Latin
// letters with Cyrillic or Greek ones (`Whоle area`), a name holding a control character (ESC, DEL, C1, a tag
// character). Each is refused with its own reason in every name column, its cell not shown, nothing of it stored.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Workdir, explain, useWorkdirs } from '../helpers/cli.js';

const fresh = useWorkdirs();

function workdir(files: Record<string, string>): Workdir {
  return fresh().write(files);
}

async function imported(dir: Workdir, kind: string, file: string) {
  const run = await dir.run(['import', '--kind', kind, file, '--json']);
  expect(run.code, explain(run)).toBe(0);
  const [outcome] = JSON.parse(run.stdout).files;
  const rejects = outcome.rejects_file === null ? '' : readFileSync(outcome.rejects_file as string, 'utf8');
  return { run, stored: outcome.rows_stored as number, rejected: outcome.rows_rejected as number, rejects };
}

/** The store file's bytes as text (SQLite keeps short text as it is written). */
const storeBytes = (dir: Workdir) => readFileSync(dir.path('safety-scan.db')).toString('utf8');

const MIXED = ['Wh\u043ele area', 'Whole ar\u0435a', 'G\u0435nt', 'Sint-\u0410mandsberg', '\u039fudegem'];
// and noncharacters: U+FFFE and U+FFFF made a workbook that is not well-formed XML (r20, F2)
const CONTROLS = ['Gent\u001b[2J', 'Gent\u007fx', 'Gent\u009bx', 'Gent\u0085x', 'Gent\u{e0041}x', 'Gent\u0007x', 'Gent\ufffex', 'Gent\uffffx', 'Gent\ufdd0x', 'Gent\u{10fffe}x'];

describe('a name whose word mixes alphabets', () => {
  it('is refused as a district of population figures, a survey and a monitor area, its own reason, the cell withheld', async () => {
    const dir = workdir({
      'pop.csv': `district|sex|age_group|population\nOudegem|M|15-29|100\nКиїв|F|15-29|100\nΑθήνα|F|15-29|100\n${MIXED.map((name) => `${name}|M|15-29|50`).join('\n')}\n`,
      'survey.csv': `respondent_id,wave,district,sex,age,unsafe_freq\nR1,2026,Oudegem,F,30,2\n${MIXED.map((name, i) => `S${i},2026,${name},M,40,3`).join('\n')}\n`,
      'monitor.csv': `wave,area,indicator,value\n2026,Belgium,unsafe_often,0.1\n${MIXED.map((name) => `2026,${name},unsafe_often,0.2`).join('\n')}\n`,
    });
    const population = await imported(dir, 'population', 'pop.csv');
    expect({ stored: population.stored, rejected: population.rejected }).toEqual({ stored: 3, rejected: MIXED.length });
    for (const [kind, file, column] of [['survey', 'survey.csv', 'district'], ['monitor', 'monitor.csv', 'area']] as const) {
      const { stored, rejected, rejects } = await imported(dir, kind, file);
      expect({ kind, stored, rejected }).toEqual({ kind, stored: 1, rejected: MIXED.length });
      expect(rejects).toContain(`a word of the value in ${column} mixes Latin letters with Cyrillic or Greek ones`);
    }
    for (const { rejects } of [population]) {
      const lines = rejects.split('\r\n').filter(Boolean).slice(1);
      for (const line of lines) expect(line).toMatch(/^\d+\|district \(1\)\|\"?a word of the value in district mixes .*\"?\|\*\*\*\|M\|15-29\|50$/);
    }
    const bytes = storeBytes(dir);
    for (const name of MIXED) expect(bytes).not.toContain(name);
    // whole words in Cyrillic or Greek are names like any other
    expect(bytes).toContain('Київ');
    expect(bytes).toContain('Αθήνα');
  });

  it('and a name whose whole words are Cyrillic or Greek look-alikes of the whole area is refused as its name', async () => {
    // `Whole аrеа` is all Cyrillic in no word (r is Latin), but `Hele ΖΟΝΕ` has a wholly Greek word
    const dir = workdir({ 'pop.csv': 'district|sex|age_group|population\nOudegem|M|15-29|100\nHele \u0396\u039f\u039d\u0395|M|15-29|50\n\u0415nsemble de la zone|M|15-29|50\n' });
    const { stored, rejected, rejects } = await imported(dir, 'population', 'pop.csv');
    expect({ stored, rejected }).toEqual({ stored: 1, rejected: 2 });
    expect(rejects).toContain('is what safety-scan calls the whole area');
    expect(rejects).toContain('mixes Latin letters');
  });
});

describe('a name holding a control character', () => {
  it('is refused in every name column, "holds a control character", the cell never shown nor stored', async () => {
    const dir = workdir({
      'pop.csv': `district|sex|age_group|population\nOudegem|M|15-29|100\n${CONTROLS.map((name) => `${name}|M|15-29|50`).join('\n')}\n`,
      'signals.csv': `date,district,theme,source,count\n2026-01-22,Oudegem,speeding,complaint,1\n${CONTROLS.map((name) => `2026-01-23,${name},speeding,complaint,1`).join('\n')}\n`,
      'monitor.csv': `wave,area,indicator,value\n2026,Belgium,unsafe_often,0.1\n${CONTROLS.map((name) => `2026,${name},unsafe_often,0.2`).join('\n')}\n`,
    });
    const population = await imported(dir, 'population', 'pop.csv');
    expect({ stored: population.stored, rejected: population.rejected }).toEqual({ stored: 1, rejected: CONTROLS.length });
    const lines = population.rejects.split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(CONTROLS.length);
    for (const line of lines) expect(line).toMatch(/^\d+\|district \(1\)\|\"?the value in district holds a control character .*\"?\|\*\*\*\|M\|15-29\|50$/);
    const summary = JSON.parse(population.run.stdout).files[0];
    expect(JSON.stringify(summary)).toContain('holds a control character');
    for (const [kind, file] of [['signals', 'signals.csv'], ['monitor', 'monitor.csv']] as const) {
      const { stored, rejected, rejects } = await imported(dir, kind, file);
      expect({ kind, stored, rejected }).toEqual({ kind, stored: 1, rejected: CONTROLS.length });
      expect(rejects).toContain('holds a control character');
      expect(rejects).not.toMatch(/Gent/);
    }
    // every refused name begins with Gent, which no accepted row holds
    expect(storeBytes(dir)).not.toContain('Gent');
  });
});
