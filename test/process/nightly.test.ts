// The nightly recipe (examples/nightly.sh) run on the demo zone's exports: it rebuilds the store, writes
// every JSON output, fails on a high-risk goal, and gives the same bytes when run again.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, ROOT, Workdir } from '../helpers/cli.js';

const workdir = new Workdir();
afterAll(() => workdir.remove());

function nightly(out: string, exports = 'exports', env: Record<string, string> = {}, cwd = workdir.dir) {
  return spawnSync('bash', [`${ROOT}/examples/nightly.sh`], {
    cwd,
    encoding: 'utf8',
    env: workdir.processEnv({ EXPORTS: exports, OUT: out, SAFETY_SCAN: `${process.execPath} ${BIN}`, ...env }),
  });
}

describe('the nightly recipe', () => {
  mkdirSync(workdir.path('exports'));
  for (const file of ['population.csv', 'survey-2023.csv', 'survey-2026.csv', 'keyfigures.csv', 'monitor.csv', 'monitor-mapping.yaml', 'signals.csv', 'goals.yaml']) {
    copyFileSync(`${DEMO}/${file}`, workdir.path(file === 'goals.yaml' ? 'goals.yaml' : `exports/${file}`));
  }

  it('writes every output and fails (exit 1) because demo goals are at high risk', () => {
    const run = nightly('out');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/failed: a finding reaches high risk/);
    for (const name of ['status', 'indicators', 'compare', 'profile', 'check']) {
      expect(() => JSON.parse(readFileSync(workdir.path('out', `${name}.json`), 'utf8'))).not.toThrow();
    }
    expect(JSON.parse(readFileSync(workdir.path('out', 'compare.json'), 'utf8'))).toMatchObject({ from: '2023', to: '2026' });
  });

  it('gives byte-identical results on a second night', () => {
    nightly('again');
    for (const name of ['indicators', 'compare', 'profile', 'check']) {
      expect(readFileSync(workdir.path('again', `${name}.json`), 'utf8')).toBe(readFileSync(workdir.path('out', `${name}.json`), 'utf8'));
    }
  });

  it('stores nothing of an export with a rejected row and stops the night (--max-rejects 0), unless MAX_REJECTS allows it', () => {
    mkdirSync(workdir.path('bad'));
    copyFileSync(`${DEMO}/population.csv`, workdir.path('bad', 'population.csv'));
    // the demo's 2026 export is Windows-1252 with `;` and CRLF: one row more, with an age that is no number
    const survey = readFileSync(`${DEMO}/survey-2026.csv`, 'latin1');
    const header = survey.split('\r\n')[0].split(';');
    const bad = header.map((column) => ({ respondent_id: 'BAD-1', wave: '2026', district: 'Oudegem', sex: 'F', age: 'abc' })[column] ?? '');
    writeFileSync(workdir.path('bad', 'survey-2026.csv'), `${survey.trimEnd()}\r\n${bad.join(';')}\r\n`, 'latin1');
    // a folder of its own: the demo goals (for both waves) in the working folder are not this night's
    const cwd = workdir.path('bad');
    const strict = nightly('strict', '.', {}, cwd);
    expect(strict.status, strict.stderr).toBe(1);
    expect(strict.stderr).toMatch(/survey-2026\.csv.*1 rejected/);
    expect(strict.stderr).toMatch(/--max-rejects 0/);
    expect(existsSync(workdir.path('bad', 'strict', 'status.json'))).toBe(false);
    const allowed = nightly('allowed', '.', { MAX_REJECTS: '1%' }, cwd);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(workdir.path('bad', 'allowed', 'status.json'), 'utf8')).rows.survey).toEqual({ '2026': 1502 });
  });

  it('imports a LimeSurvey export whose name has spaces and a survey number, with the year between hyphens as its wave; a name without one stops the night (r12 low, finding 9)', () => {
    const cwd = workdir.path('lime');
    mkdirSync(cwd);
    copyFileSync(`${DEMO}/population.csv`, workdir.path('lime', 'population.csv'));
    copyFileSync(`${DEMO}/limesurvey-2026.csv`, workdir.path('lime', 'limesurvey-2026-survey739154 export.csv'));
    // (the night then stops at `indicators`: 54 answers cannot be weighted to the demo's population; the import is what matters here)
    const run = nightly('out', '.', {}, cwd);
    expect(run.stderr).toMatch(/limesurvey-2026-survey739154 export\.csv \(survey\): 60 rows read, 54 stored, 0 rejected; batch 2; wave: 2026/);
    expect(Object.keys(JSON.parse(readFileSync(workdir.path('lime', 'out', 'status.json'), 'utf8')).rows.survey)).toEqual(['2026']);
    copyFileSync(`${DEMO}/limesurvey-2026.csv`, workdir.path('lime', 'limesurvey-survey739154.csv'));
    const nameless = nightly('nameless', '.', {}, cwd);
    expect(nameless.status).not.toBe(0);
    expect(nameless.stderr).toContain('limesurvey-survey739154.csv: no year between hyphens');
    expect(existsSync(workdir.path('lime', 'nameless', 'status.json'))).toBe(false);
  });
});
