// Two districts whose names differ only in case (`Noord`, `noord`): a name matching both but neither exactly
// (`NOORD`) names both and asks for the exact spelling, instead of suggesting one of them as if it were the
// only near name (adversarial run r19b, F4).
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain, useWorkdirs, type Workdir } from '../helpers/cli.js';
import { importSmallZone } from '../helpers/small-zone.js';

let dir: Workdir;
const workdir = useWorkdirs();
const run = (...args: string[]) => dir.run(['--store', 's.db', ...args]);

// Since adversarial run r31 (A2) no import makes two such districts: a population file that writes a district two
// ways stores it once. A store an earlier version filled still may hold both, so the store is made so here: a third
// district renamed `noord` in the stored figures and respondents.
beforeAll(async () => {
  dir = workdir();
  await importSmallZone(dir, ['Noord', 'Oost', 'Zuid']);
  const db = new Database(dir.path('s.db'));
  db.prepare("UPDATE population SET district = 'noord' WHERE district = 'Oost'").run();
  db.prepare(`UPDATE survey_chunks SET districts = replace(districts, '"Oost"', '"noord"')`).run();
  db.close();
});

describe('a district name that matches two districts but for case', () => {
  it('--district names both and asks for the exact spelling (exit 2), in every language', async () => {
    const expected = {
      en: 'district `NOORD` is not in this wave (it differs from each of `Noord`, `noord` only in case, accents or hyphens, so which one is meant is unclear: write the name exactly as the store does); use one of: Noord, noord, Zuid.',
      nl: 'wijk `NOORD` komt niet voor in deze meting (het verschilt van elk van `Noord`, `noord` alleen in hoofdletters, accenten of koppeltekens, dus het is niet duidelijk welke bedoeld is: schrijf de naam precies zoals in de databank)',
      fr: 'le quartier `NOORD` ne figure pas dans cette vague (il ne diffère de chacun de `Noord`, `noord` que par les majuscules, les accents ou les traits d’union, et on ne sait donc pas lequel est visé\u202f: écrivez le nom exactement comme dans la base)',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const result = await run('--lang', lang, 'indicators', '--district', 'NOORD');
      expect(result.code, explain(result)).toBe(2);
      expect(result.stderr).toContain(text);
      expect(result.stderr).not.toMatch(/did you mean|bedoelt u|vouliez-vous dire/);
    }
  });

  it('the exact spelling chooses that one district, and a name near one district is still suggested', async () => {
    const exact = await run('indicators', '--indicator', 'unsafe_often', '--district', 'noord', '--json');
    expect(exact.code, explain(exact)).toBe(0);
    const districts = new Set(JSON.parse(exact.stdout).rows.map((row: { district: string | null }) => row.district));
    expect([...districts]).toEqual(['noord', null]);
    const near = await run('indicators', '--district', 'Zuidd');
    expect(near.code).toBe(2);
    expect(near.stderr).toContain('(did you mean Zuid?)');
  });

  it('a goal for `NOORD` names both districts too (exit 4)', async () => {
    dir.write({ 'goals.yaml': 'goals:\n  - id: G1\n    indicator: unsafe_often\n    district: NOORD\n    direction: decrease\n    baseline: { wave: 2026, value: 0.3 }\n    target: 0.2\n    deadline: 2029\n' });
    const result = await run('check', '--goals', 'goals.yaml');
    expect(result.code, explain(result)).toBe(4);
    expect(result.stderr).toContain('goals.yaml:4: goal G1: district `NOORD` is not in the store (it differs from each of `Noord`, `noord` only in case');
  });
});
