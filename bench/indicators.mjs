// npm run bench — times `safety-scan indicators` (all built-in indicators, as a whole process) on four sizes,
// the regional case with `--model fh`, and R survey on the regional case when Rscript with survey is installed.
// Targets on a 2-core machine: regional >= 200x faster than R; --model fh within 1.5x; stress < 5 s and < 1 GB.
// safety-scan's time is the median of BENCH_RUNS runs (default 5); R, which takes a minute, runs once.
// BENCH_CASES=scale (never by default: it takes minutes) times the 2,000,000-respondent, 5,000-district store
// once per command: `indicators` as a table and as JSON, `profile`, `check` with goals, `report` in one language,
// each with its peak RSS. Targets: the table within 3x its JSON, every command < 1 GB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { districtName, writePopulation, writeSurvey } from './generate-survey.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const bin = join(root, 'bin', 'safety-scan.js');
mkdirSync(work, { recursive: true });

const CASES = [
  { name: 'zone', respondents: 1_500, districts: 10 },
  { name: 'regional', respondents: 14_000, districts: 60 },
  { name: 'national', respondents: 130_000, districts: 600 },
  { name: 'stress', respondents: 1_000_000, districts: 5_000 },
  { name: 'scale', respondents: 2_000_000, districts: 5_000, optIn: true },
].filter((c) => (process.env.BENCH_CASES ? process.env.BENCH_CASES.split(',').includes(c.name) : !c.optIn));

function cli(args, measure = false) {
  const command = measure ? [join(root, 'bench', 'measure.mjs'), ...args] : [bin, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command, { encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`safety-scan ${args.join(' ')} failed:\n${result.stderr}`);
  const measured = /BENCH (.*)/.exec(result.stderr);
  return { seconds, maxRssMb: measured ? JSON.parse(measured[1]).maxRssMb : null, stdout: result.stdout };
}

async function prepare(benchCase) {
  const base = join(work, `${benchCase.name}`);
  const survey = `${base}-survey.csv`;
  const population = `${base}-population.csv`;
  const store = `${base}.db`;
  if (!existsSync(survey)) await writeSurvey(survey, { respondents: benchCase.respondents, districts: benchCase.districts });
  if (!existsSync(population)) await writePopulation(population, { districts: benchCase.districts });
  if (!existsSync(store)) {
    cli(['--store', store, 'import', '--kind', 'population', population]);
    cli(['--store', store, 'import', '--kind', 'survey', survey]);
  }
  return { survey, population, store };
}

function rscriptWithSurvey() {
  const check = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey)); cat(as.character(packageVersion("survey")))'], { encoding: 'utf8' });
  return check.status === 0 ? check.stdout.trim() : null;
}

// Whole-process times vary by a few hundredths of a second from run to run: each case runs RUNS times
// (BENCH_RUNS, default 5) and the median counts; peak RSS is the largest seen.
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = {};
for (const benchCase of CASES.filter((c) => !c.optIn)) {
  const files = await prepare(benchCase);
  const runs = Array.from({ length: RUNS }, () => cli(['--store', files.store, 'indicators', '--json'], true));
  const seconds = median(runs.map((run) => run.seconds));
  const maxRssMb = Math.max(...runs.map((run) => run.maxRssMb));
  const rows = JSON.parse(runs[0].stdout).rows.length;
  const spread = RUNS > 1 ? ` (${Math.min(...runs.map((run) => run.seconds)).toFixed(2)}–${Math.max(...runs.map((run) => run.seconds)).toFixed(2)})` : '';
  results[benchCase.name] = { seconds, maxRssMb, files };
  console.log(
    `${benchCase.name.padEnd(9)} ${benchCase.respondents.toLocaleString('en').padStart(9)} respondents, ${String(benchCase.districts).padStart(5)} districts: ` +
      `${seconds.toFixed(2)} s${spread}, peak RSS ${maxRssMb.toFixed(0)} MB, ${rows.toLocaleString('en')} rows`,
  );
}
// The regional case again with the small-area model on every indicator: within 1.5x of the case without it.
if (results.regional) {
  const runs = Array.from({ length: RUNS }, () => cli(['--store', results.regional.files.store, 'indicators', '--model', 'fh', '--json'], true));
  const seconds = median(runs.map((run) => run.seconds));
  const models = JSON.parse(runs[0].stdout).models;
  const fitted = models.filter((model) => model.fitted).length;
  const ratio = seconds / results.regional.seconds;
  console.log(`regional --model fh: ${seconds.toFixed(2)} s, ${fitted} of ${models.length} indicators fitted; ${ratio.toFixed(2)}x the case without (target <= 1.5x) -> ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
}
if (results.stress) console.log(`  stress target: < 5 s and < 1 GB -> ${results.stress.seconds < 5 && results.stress.maxRssMb < 1024 ? 'met' : 'NOT met'}`);

const scale = CASES.find((c) => c.name === 'scale');
if (scale) await benchScale(scale);

const surveyVersion = results.regional ? rscriptWithSurvey() : null;
if (results.regional && surveyVersion) {
  const { survey, population } = results.regional.files;
  const started = process.hrtime.bigint();
  const r = spawnSync('Rscript', [join(root, 'bench', 'r-indicators.R'), survey, population], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) {
    console.log(`R survey ${surveyVersion} failed:\n${r.stderr}`);
  } else {
    const ratio = seconds / results.regional.seconds;
    console.log(`R survey ${surveyVersion} on the regional case (read, rake, svyby + svymean for every indicator): ${seconds.toFixed(1)} s`);
    console.log(`  safety-scan (median ${results.regional.seconds.toFixed(2)} s) is ${ratio.toFixed(0)}x faster (target >= 200x) -> ${ratio >= 200 ? 'met' : 'NOT met'}`);
  }
} else if (results.regional) {
  console.log('R survey not installed (apt-get install -y r-cran-survey): skipping the comparison with R.');
}
if (process.env.BENCH_CLEAN) rmSync(work, { recursive: true, force: true });

/** The scale case: each command once (each takes seconds to a minute), with its peak RSS against 1 GB. */
async function benchScale(benchCase) {
  const { store } = await prepare(benchCase);
  const goals = join(work, 'scale-goals.yaml');
  writeFileSync(goals, scaleGoals());
  const out = join(work, 'scale-report');
  const commands = [
    ['indicators --format table', ['indicators', '--format', 'table']],
    ['indicators --format json', ['indicators', '--format', 'json']],
    ['profile --district (one)', ['profile', '--district', districtName(0)]],
    ['profile --format json (all)', ['profile', '--format', 'json']],
    ['check --goals (4 goals)', ['check', '--goals', goals, '--format', 'json']],
    ['report --lang en (html)', ['--lang', 'en', 'report', '--out', out]],
  ];
  const measured = {};
  for (const [label, args] of commands) {
    rmSync(out, { recursive: true, force: true });
    const run = cli(['--store', store, ...args], true);
    measured[label] = run;
    const within = run.maxRssMb < 1024;
    console.log(`scale ${label.padEnd(28)} ${run.seconds.toFixed(2).padStart(6)} s, peak RSS ${run.maxRssMb.toFixed(0).padStart(5)} MB (target < 1 GB -> ${within ? 'met' : 'NOT met'})`);
  }
  const ratio = measured['indicators --format table'].seconds / measured['indicators --format json'].seconds;
  console.log(`  scale table/JSON: ${ratio.toFixed(2)}x (target <= 3x) -> ${ratio <= 3 ? 'met' : 'NOT met'}`);
}

/** Goals over three districts and the whole area, baselines given so one wave suffices. */
function scaleGoals() {
  const goal = (id, district) =>
    `  - id: ${id}\n    title: Fewer residents feel unsafe often\n    indicator: unsafe_often\n` +
    `${district ? `    district: ${district}\n` : ''}    direction: decrease\n    baseline: { wave: 2023, value: 0.6 }\n    target: 0.2\n    deadline: 2031\n`;
  return `goals:\n${goal('G1', districtName(0))}${goal('G2', districtName(1))}${goal('G3', districtName(4999))}${goal('G4', null)}`;
}
