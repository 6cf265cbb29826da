// A district whose name holds a comma (`Gent, Noord`) beside districts named like its parts (`Gent`, `Noord`):
// `--district` keeps each value whole, so the whole name chooses that district, and a list is still a list
// (adversarial run r14, F9: `--district "Gent, Noord"` showed `Gent` and `Noord`, silently).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain, useWorkdirs, type Workdir } from '../helpers/cli.js';
import { importSmallZone } from '../helpers/small-zone.js';

const DISTRICTS = ['Gent, Noord', 'Gent', 'Noord'];

let dir: Workdir;
const workdir = useWorkdirs();
const run = (...args: string[]) => dir.run(['--store', 's.db', ...args]);

beforeAll(async () => {
  dir = workdir();
  await importSmallZone(dir, DISTRICTS);
});

const shown = (stdout: string) => DISTRICTS.filter((district) => new RegExp(`│ ${district} +│`).test(stdout));

describe('--district with a comma in a district’s name', () => {
  it('the whole name chooses that district, and stderr says how to ask for the parts', async () => {
    const result = await run('indicators', '--indicator', 'unsafe_often', '--district', 'Gent, Noord');
    expect(result.code, explain(result)).toBe(0);
    expect(shown(result.stdout)).toEqual(['Gent, Noord']);
    expect(result.stderr).toContain('`Gent, Noord` is read as the district `Gent, Noord`, not as the districts `Gent`, `Noord`; for those, give `--district` once for each.');
  });

  it('profile and plan choose the same one district', async () => {
    const profile = await run('profile', '--district', 'Gent, Noord', '--json');
    expect(profile.code, explain(profile)).toBe(0);
    expect(JSON.parse(profile.stdout).districts.map((view: { district: string }) => view.district)).toEqual(['Gent, Noord']);
    const plan = await run('plan', '--half-width', '0.1', '--district', 'Gent, Noord', '--json');
    expect(plan.code, explain(plan)).toBe(0);
    expect(JSON.parse(plan.stdout).rows.map((row: { district: string | null }) => row.district)).toEqual(['Gent, Noord', null]);
  });

  it('a value that is no district is a list; --district given twice chooses both parts, without a note', async () => {
    for (const args of [['--district', 'Noord,Gent'], ['--district', 'Gent', '--district', 'Noord']]) {
      const result = await run('indicators', '--indicator', 'unsafe_often', ...args);
      expect(result.code, explain(result)).toBe(0);
      expect(shown(result.stdout)).toEqual(['Gent', 'Noord']);
      expect(result.stderr).toBe('');
    }
  });

  it('a list with a part that is no district names the part, and says the value was read as a list', async () => {
    const result = await run('indicators', '--district', 'Gent, Nord');
    expect(result.code, explain(result)).toBe(2);
    expect(result.stderr).toContain('district `Nord` is not in this wave');
    expect(result.stderr).toContain('a comma separates districts: `Gent, Nord` was read as the districts `Gent`, `Nord`.');
  });

  it('a value of commas alone names nothing (exit 2)', async () => {
    const result = await run('indicators', '--district', ' , ');
    expect(result.code, explain(result)).toBe(2);
  });
});

describe('report --district with a comma in a district’s name', () => {
  it('writes the report of that one district', async () => {
    const result = await run('report', '--district', 'Gent, Noord', '--out', 'rep', '--format', 'md');
    expect(result.code, explain(result)).toBe(0);
    const written = readFileSync(result.stdout.trim(), 'utf8');
    expect(written).toContain('Gent, Noord');
    expect(written).not.toMatch(/^#+ Gent\s*$/m);
    expect(written).not.toMatch(/^#+ Noord\s*$/m);
  });
});
