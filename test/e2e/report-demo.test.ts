// `safety-scan demo DIR`: the folder it builds holds a configuration (zone, store, goals) and the goals file, so
// later commands run in it work on the demo; it rebuilds only a folder it made, in which nothing is the user's,
// and never deletes a user's files.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, Workdir, explain } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';

/** Every file under a folder with its content hash, to show that a refused demo changed nothing. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[path.slice(folder.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(folder);
  return files;
}

describe('the demo folder', () => {
  it('holds a configuration with the zone, the store and the goals file, which later commands in it use', async () => {
    const dir = new Workdir();
    const demo = await dir.run(['demo', 'zone']);
    expect(demo.code, explain(demo)).toBe(0);
    expect(readdirSync(dir.path('zone')).sort()).toEqual(['.safety-scan-demo.json', 'goals.yaml', 'report', 'safety-scan.db', 'safety-scan.yaml']);
    expect(readFileSync(dir.path('zone', 'goals.yaml'), 'utf8')).toBe(readFileSync(join(DEMO, 'goals.yaml'), 'utf8'));
    const config = readFileSync(dir.path('zone', 'safety-scan.yaml'), 'utf8');
    expect(config).toMatch(/^zone: PZ Schelde-Leie$/m);
    expect(config).toMatch(/^store: safety-scan\.db$/m);
    expect(config).toMatch(/^goals: goals\.yaml$/m);
    expect(demo.stderr).toMatch(/Next: cd zone, then for example `npx safety-scan indicators`/);

    // run inside the demo folder, as `cd zone` would
    const inFolder = (args: string[]) => runCli(args, { cwd: dir.path('zone'), env: dir.env() });
    const check = await inFolder(['check', '--json']);
    expect(check.code, explain(check)).toBe(0);
    expect(JSON.parse(check.stdout).goals.map((goal: { id: string }) => goal.id)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
    const report = await inFolder(['report', '--lang', 'nl']);
    expect(report.code, explain(report)).toBe(0);
    const html = readFileSync(dir.path('zone', 'report', 'report-2026-nl.html'), 'utf8');
    expect(html).toContain('PZ Schelde-Leie');
    expect(html).toContain('Minder bewoners van Oudegem voelen zich vaak of altijd onveilig');
    expect(report.stderr).not.toMatch(/goals/i);
    dir.remove();
  });

  it('is rebuilt when it is still the demo’s, keeping reports written into it', async () => {
    const dir = new Workdir();
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    dir.write({ 'zone/report/report-2026-nl.html': 'a report of my own' });
    const again = await dir.run(['demo', 'zone']);
    expect(again.code, explain(again)).toBe(0);
    expect(readFileSync(dir.path('zone', 'report', 'report-2026-nl.html'), 'utf8')).toBe('a report of my own');
    expect(JSON.parse((await dir.run(['status', '--json', '--store', 'zone/safety-scan.db'])).stdout).batches).toHaveLength(6);
    dir.remove();
  });
});

describe('the demo never touches what is not its own', () => {
  it('refuses a project folder with its own store, report and rejects, and leaves every file as it was', async () => {
    const dir = new Workdir();
    expect((await dir.run(['import', '--kind', 'population', join(DEMO, 'population.csv'), '--store', 'project/safety-scan.db'])).code).toBe(0);
    dir.write({ 'project/report/report-2026-nl.html': 'council report', 'project/rejects/survey.csv.survey.rejects.csv': 'line\n' });
    const before = snapshot(dir.path('project'));
    for (const target of ['project', dir.path('project')]) {
      const run = await dir.run(['demo', target]);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toMatch(/holds other files \(rejects, report, safety-scan\.db\); choose an empty or new folder for the demo/);
    }
    expect(snapshot(dir.path('project'))).toEqual(before);
    dir.remove();
  });

  it('refuses its own folder once its store holds data that is not the demo’s', async () => {
    const dir = new Workdir().write({ 'extra.csv': 'date,district,theme,source,count\n2025-01-22,Zwijnaarde,speeding,complaint,1\n' });
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    const imported = await dir.run(['import', '--kind', 'signals', dir.path('extra.csv'), '--store', 'zone/safety-scan.db']);
    expect(imported.code, explain(imported)).toBe(0);
    const before = snapshot(dir.path('zone'));
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/holds data that is not the demo's \(batches 7 \(extra\.csv\)\)/);
    expect(snapshot(dir.path('zone'))).toEqual(before);
    dir.remove();
  });

  it('refuses its own folder once its store holds data of the user’s imported from a file named as a demo file (r12, 4)', async () => {
    // the demo's file is Windows-1252: read and written as bytes (latin1), its first 100 respondents made the user's
    const own = readFileSync(join(DEMO, 'survey-2026.csv'), 'latin1').split('\n').slice(0, 101).join('\n').replace(/R26-/g, 'MY-');
    const signals = 'date,district,theme,source,count\n2025-01-22,Zwijnaarde,speeding,complaint,1\n';
    const dir = new Workdir().write({ 'own/signals.csv': signals });
    writeFileSync(dir.path('own', 'survey-2026.csv'), Buffer.from(`${own}\n`, 'latin1'));
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    for (const [kind, file, batch] of [['survey', 'survey-2026.csv', 3], ['signals', 'signals.csv', 6]] as const) {
      expect((await dir.run(['forget', String(batch), '--store', 'zone/safety-scan.db'])).code).toBe(0);
      const imported = await dir.run(['import', '--kind', kind, dir.path('own', file), '--store', 'zone/safety-scan.db']);
      expect(imported.code, explain(imported)).toBe(0);
    }
    const before = snapshot(dir.path('zone'));
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/holds data that is not the demo's \(batches 7 \(survey-2026\.csv\), 8 \(signals\.csv\)\)/);
    expect(snapshot(dir.path('zone'))).toEqual(before);
    dir.remove();
  });

  it('refuses its own folder when its store’s key is gone: its respondents cannot be told to be the demo’s (r12, 4)', async () => {
    const dir = new Workdir();
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    rmSync(dir.keys(), { recursive: true });
    const before = snapshot(dir.path('zone'));
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/holds survey or key-figure batches \(2 \(survey-2023\.csv\), 3 \(survey-2026\.csv\), 4 \(keyfigures\.csv\)\) that only the store's pseudonymisation key can show to be the demo's/);
    expect(snapshot(dir.path('zone'))).toEqual(before);
    dir.remove();
  });

  it('rebuilds its own folder when its store holds only the demo’s data, a batch forgotten or imported again', async () => {
    const dir = new Workdir();
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    expect((await dir.run(['forget', '3', '--store', 'zone/safety-scan.db'])).code).toBe(0);
    expect((await dir.run(['import', '--kind', 'survey', join(DEMO, 'survey-2026.csv'), '--store', 'zone/safety-scan.db'])).code).toBe(0);
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(0);
    expect(JSON.parse((await dir.run(['status', '--json', '--store', 'zone/safety-scan.db'])).stdout).batches).toHaveLength(6);
    dir.remove();
  });

  it('refuses its own folder once a file the user added or changed is in it', async () => {
    const dir = new Workdir();
    expect((await dir.run(['demo', 'zone'])).code).toBe(0);
    dir.write({ 'zone/notes.txt': 'mine' });
    const added = await dir.run(['demo', 'zone']);
    expect(added.code, explain(added)).toBe(2);
    expect(added.stderr).toMatch(/holds other files \(notes\.txt\)/);
    expect(readFileSync(dir.path('zone', 'notes.txt'), 'utf8')).toBe('mine');

    const edited = new Workdir();
    expect((await edited.run(['demo', 'zone'])).code).toBe(0);
    edited.write({ 'zone/goals.yaml': `${readFileSync(edited.path('zone', 'goals.yaml'), 'utf8')}# my own goal to come\n` });
    const before = snapshot(edited.path('zone'));
    const run = await edited.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/goals\.yaml was changed after the demo wrote it/);
    expect(snapshot(edited.path('zone'))).toEqual(before);
    dir.remove();
    edited.remove();
  });

  it('treats a manifest it did not write as no manifest: a folder with a forged or damaged one is refused', async () => {
    for (const manifest of ['{"made_by":"someone else","version":"1","files":{}}', '{"made_by":"safety-scan demo","files":[]}', 'not json']) {
      const dir = new Workdir().write({ 'zone/.safety-scan-demo.json': manifest, 'zone/safety-scan.db': 'my own store' });
      const before = snapshot(dir.path('zone'));
      const run = await dir.run(['demo', 'zone']);
      expect(run.code, explain(run)).toBe(2);
      expect(run.stderr).toMatch(/holds other files \(\.safety-scan-demo\.json, safety-scan\.db\)/);
      expect(snapshot(dir.path('zone'))).toEqual(before);
      dir.remove();
    }
  });

  it('refuses a manifest naming a file outside its folder, a folder part or a link, deleting nothing (adversarial run r24, F6)', async () => {
    const victim = 'precious\n';
    const hash = createHash('sha256').update(victim).digest('hex');
    const forged = (file: string) => JSON.stringify({ made_by: 'safety-scan demo', version: '0.1.0', files: { [file]: hash } });
    for (const file of ['../victim.txt', 'sub/../../victim.txt', '..', 'safety-scan.db', 'report', 'sub\\x']) {
      const dir = new Workdir().write({ 'victim.txt': victim, 'zone/.safety-scan-demo.json': forged(file) });
      const run = await dir.run(['demo', 'zone']);
      expect(run.code, `${file}: ${explain(run)}`).toBe(2);
      expect(run.stderr).toMatch(/holds other files \(\.safety-scan-demo\.json\)/);
      expect(readFileSync(dir.path('victim.txt'), 'utf8')).toBe(victim);
      expect(readdirSync(dir.path('zone'))).toEqual(['.safety-scan-demo.json']);
      dir.remove();
    }
    const absolute = new Workdir().write({ 'victim.txt': victim });
    absolute.write({ 'zone/.safety-scan-demo.json': forged(absolute.path('victim.txt')) });
    const run = await absolute.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(readFileSync(absolute.path('victim.txt'), 'utf8')).toBe(victim);
    absolute.remove();
    // a listed name that is a link to a file elsewhere is not the demo's either
    const linked = new Workdir().write({ 'victim.txt': victim, 'zone/.safety-scan-demo.json': forged('goals.yaml') });
    symlinkSync(linked.path('victim.txt'), linked.path('zone', 'goals.yaml'));
    const viaLink = await linked.run(['demo', 'zone']);
    expect(viaLink.code, explain(viaLink)).toBe(2);
    expect(viaLink.stderr).toMatch(/holds other files \(\.safety-scan-demo\.json, goals\.yaml\)/);
    expect(readFileSync(linked.path('victim.txt'), 'utf8')).toBe(victim);
    expect(lstatSync(linked.path('zone', 'goals.yaml')).isSymbolicLink()).toBe(true);
    linked.remove();
  });

  it('refuses a file in place of a folder', async () => {
    const dir = new Workdir().write({ zone: 'a file' });
    const run = await dir.run(['demo', 'zone']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toMatch(/is a file, not a folder/);
    expect(readFileSync(dir.path('zone'), 'utf8')).toBe('a file');
    dir.remove();
  });
});
