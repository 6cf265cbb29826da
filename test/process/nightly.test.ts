// The nightly recipe (examples/nightly.sh) run on the demo zone's exports: it rebuilds the store, writes
// every JSON output, fails on a high-risk goal, and gives the same bytes when run again.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, DEMO, ROOT, Workdir } from '../helpers/cli.js';

const workdir = new Workdir();
afterAll(() => workdir.remove());

function nightly(out: string) {
  return spawnSync('bash', [`${ROOT}/examples/nightly.sh`], {
    cwd: workdir.dir,
    encoding: 'utf8',
    env: workdir.processEnv({ EXPORTS: 'exports', OUT: out, SAFETY_SCAN: `${process.execPath} ${BIN}` }),
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
});
