// npm run bench:import — imports a generated 1,000,000-respondent survey file and prints rows/s and peak memory.
// Targets on a 2-core machine: at least 100,000 rows/s and under 300 MB peak RSS (the whole process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSurvey } from './generate-survey.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
mkdirSync(work, { recursive: true });
const file = join(work, `survey-${rows}.csv`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${file} ...\n`);
  await writeSurvey(file, { respondents: rows, districts: 5000 });
}
const store = join(work, 'import-bench.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(store + suffix, { force: true });

const started = process.hrtime.bigint();
const result = spawnSync(process.execPath, [join(root, 'bench', 'measure.mjs'), '--store', store, 'import', '--kind', 'survey', file], {
  encoding: 'utf8',
  env: { ...process.env, CI: '1' },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const measured = /BENCH (.*)/.exec(result.stderr);
if (result.status !== 0 || !measured) {
  process.stderr.write(result.stderr);
  process.exit(1);
}
const { maxRssMb } = JSON.parse(measured[1]);
const size = statSync(file).size / 1e6;
console.log(`import: ${rows.toLocaleString('en')} respondents (${size.toFixed(0)} MB) in ${seconds.toFixed(2)} s, whole process`);
console.log(`  ${Math.round(rows / seconds).toLocaleString('en')} rows/s (target >= 100,000)`);
console.log(`  peak RSS ${maxRssMb.toFixed(0)} MB (target < 300 MB)`);
