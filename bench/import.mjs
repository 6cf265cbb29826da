// npm run bench:import — imports a generated 1,000,000-respondent survey file, then the first 500,000 of those
// respondents as an Excel workbook, and prints rows/s and peak memory (the whole process) for each.
// Targets on a 2-core machine: CSV at least 114,000 rows/s; both under 300 MB peak RSS.
// BENCH_ROWS and BENCH_XLSX_ROWS change the sizes; BENCH_FORMATS=csv (or xlsx) runs one of the two.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { writeXlsxStream } from 'hucre/xlsx';
import { surveyCsv as generatedSurvey } from './generate-survey.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 500_000);
const formats = (process.env.BENCH_FORMATS ?? 'csv,xlsx').split(',');
mkdirSync(work, { recursive: true });


/** The same respondents as a workbook, cells typed as Excel keeps them: numbers as numbers, text as text. */
async function surveyWorkbook(respondents) {
  const file = join(work, `survey-${respondents}.xlsx`);
  if (existsSync(file)) return file;
  const csv = await generatedSurvey(work, respondents);
  process.stderr.write(`generating ${file} ...\n`);
  async function* records() {
    for await (const line of createInterface({ input: createReadStream(csv) })) {
      if (line !== '') yield line.split(';').map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell));
    }
  }
  await pipeline(Readable.fromWeb(writeXlsxStream(records(), { name: 'Survey' })), createWriteStream(file));
  return file;
}

function measure(label, file, respondents, target) {
  const store = join(work, 'import-bench.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(store + suffix, { force: true });
  const started = process.hrtime.bigint();
  // CPU time besides wall time: on a shared, loaded machine wall time says little.
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
  const { maxRssMb, cpuSeconds } = JSON.parse(measured[1]);
  const size = statSync(file).size / 1e6;
  console.log(`import ${label}: ${respondents.toLocaleString('en')} respondents (${size.toFixed(0)} MB) in ${seconds.toFixed(2)} s, whole process`);
  console.log(`  ${Math.round(respondents / seconds).toLocaleString('en')} rows/s${target ? ` (target >= ${target.toLocaleString('en')})` : ''}`);
  console.log(`  ${Math.round(respondents / cpuSeconds).toLocaleString('en')} rows per CPU second (${cpuSeconds.toFixed(2)} s of CPU: user and system, all threads)`);
  console.log(`  peak RSS ${maxRssMb.toFixed(0)} MB (target < 300 MB)`);
}

if (formats.includes('csv')) measure('csv', await generatedSurvey(work, rows), rows, 114_000);
if (formats.includes('xlsx')) measure('xlsx', await surveyWorkbook(xlsxRows), xlsxRows, null);
