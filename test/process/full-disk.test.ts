// A full disk (here: a file-size limit) while the rejects file is written: one clear error and an exit, never a
// hang; every close of the import's clean-up runs (the pseudonym worker included) and the store is unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, Workdir, explain } from '../helpers/cli.js';

const HEADER = 'respondent_id;wave;district;sex;age;unsafe_freq';

describe('a rejects file that cannot be written', () => {
  const workdir = new Workdir();
  beforeAll(async () => {
    // 40,000 rejected rows make a rejects file of about 3 MB; the store stays far below the 1 MB limit.
    const rows = Array.from({ length: 40_000 }, (_, i) => `R${i};2026;Oudegem;F;44;9`);
    workdir.write({ 'small.csv': `${HEADER}\nS1;2026;Oudegem;F;44;2\n`, 'big.csv': `${HEADER}\nB1;2026;Oudegem;F;44;2\n${rows.join('\n')}\n` });
    const run = await workdir.run(['import', '--kind', 'survey', 'small.csv']);
    expect(run.code, explain(run)).toBe(0);
  });
  afterAll(() => workdir.remove());

  it('ends the run with one error line, a failure exit code and the store as it was', async () => {
    const before = (await workdir.run(['status', '--json'])).stdout;
    // bash counts `ulimit -f` in KiB: past 1 MB a write fails with EFBIG (Node ignores SIGXFSZ)
    const result = spawnSync('bash', ['-c', `ulimit -f 1024; exec "${process.execPath}" "${BIN}" import --kind survey big.csv`], {
      cwd: workdir.dir,
      env: workdir.processEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.signal, 'the import hung and was killed').toBeNull();
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors, result.stderr).toHaveLength(1);
    expect((await workdir.run(['status', '--json'])).stdout).toBe(before);
    // neither a truncated rejects file nor its partial one is left (issue 17)
    const rejects = workdir.path('rejects');
    expect(existsSync(rejects) ? readdirSync(rejects) : []).toEqual([]);
  }, 90_000);
});
