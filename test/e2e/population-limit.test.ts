// A stored population figure above the plausible limit (1,000,000,000 residents; an import never writes more than
// 10,000,000 in a row) is a damaged store that says so, naming the limit with digit grouping: not "holds
// 2000000000 residents ..., which is not a count" (issue 17, round 8).
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';

const zone = useDemoZone();

function withFigure(name: string, population: string): string {
  const copy = zone.path(`${name}.db`);
  copyFileSync(zone.path('zone', 'safety-scan.db'), copy);
  const db = new Database(copy);
  db.exec(`UPDATE population SET population = ${population} WHERE rowid = (SELECT MIN(rowid) FROM population)`);
  db.close();
  return copy;
}

describe.skipIf(process.env.SAFETY_SCAN_TEST_STORE === 'postgres')('a stored population figure above the plausible limit', () => {
  it.each([
    ['en', 'holds 2,000,000,000 residents for', 'more than the plausible limit of 1,000,000,000 for one figure'],
    ['nl', 'bevat 2.000.000.000 inwoners voor', 'meer dan het aannemelijke maximum van 1.000.000.000 voor één cijfer'],
    ['fr', 'contient 2\u00a0000\u00a0000\u00a0000 habitants pour', 'plus que la limite plausible d’un effectif (1\u00a0000\u00a0000\u00a0000)'],
  ])('is exit 5 naming the limit (%s)', async (lang, figure, limit) => {
    const store = withFigure(`limit-${lang}`, '2000000000');
    const run = await zone.run(['--lang', lang, '--store', store, 'indicators', '--wave', '2026']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toContain(figure);
    expect(run.stderr).toContain(limit);
    expect(run.stderr).not.toMatch(/not a count|geen aantal|pas un effectif/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a negative figure is still "not a count"', async () => {
    const run = await zone.run(['--store', withFigure('negative', '-5'), 'indicators', '--wave', '2026']);
    expect(run.code, explain(run)).toBe(5);
    expect(run.stderr).toMatch(/holds -5 residents for .+, which is not a count/);
  });
});
