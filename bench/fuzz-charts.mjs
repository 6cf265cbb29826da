// node bench/fuzz-charts.mjs — the chart fuzz properties of test/charts/chart-fuzz.ts (the same ones the
// test suite runs on one fixed seed) over many seeds, with figures: cases, time per case, the most ticks,
// marks, elements and bytes any chart made. A failing property prints its seed and counterexample and
// exits 1; times are only printed, never judged.
//   FUZZ_SEEDS  seeds per property (default 200); FUZZ_RUNS  cases per seed (default 100);
//   FUZZ_SEED   first seed (default 1).
// The TypeScript sources are bundled here with rolldown (the CLI's bundle does not export the charts),
// so this needs no earlier build.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work', 'fuzz-charts');
mkdirSync(work, { recursive: true });
await build({
  input: join(root, 'test', 'charts', 'chart-fuzz.ts'),
  platform: 'node',
  external: ['fast-check'],
  logLevel: 'warn',
  output: { dir: work, format: 'esm', entryFileNames: 'chart-fuzz.mjs' },
});
const { axisCase, chartCase, checkAxes, checkChart, MAX_TICKS: maxTicks } = await import(pathToFileURL(join(work, 'chart-fuzz.mjs')).href);

const seeds = Math.max(1, Number(process.env.FUZZ_SEEDS ?? 200));
const runs = Math.max(1, Number(process.env.FUZZ_RUNS ?? 100));
const firstSeed = Number(process.env.FUZZ_SEED ?? 1);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value) => `${value.toFixed(3)} ms`;

/** Runs one property over every seed, timing each case; returns whether all held. */
function fuzz(name, arbitrary, check, figures) {
  const times = [];
  const byKind = new Map();
  let failures = 0;
  const started = process.hrtime.bigint();
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const result = fc.check(
      fc.property(arbitrary, (input) => {
        const t0 = process.hrtime.bigint();
        const out = check(input);
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        figures(input, out, byKind);
      }),
      { seed, numRuns: runs },
    );
    if (result.failed) {
      failures++;
      console.log(`${name}: FAILED with seed ${seed}\n${fc.defaultReportMessage(result)}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  console.log(`${name}: ${times.length.toLocaleString('en')} cases over ${seeds} seeds in ${seconds.toFixed(1)} s, ${failures} failing seeds`);
  console.log(`  time per case: median ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, max ${ms(times[times.length - 1])}`);
  for (const [kind, line] of byKind) console.log(`  ${kind}: ${line()}`);
  return failures === 0;
}

let mostTicks = 0;
const axesHeld = fuzz('axes (niceTicks, valueAxis, linearScale)', axisCase, checkAxes, (_input, ticks, byKind) => {
  mostTicks = Math.max(mostTicks, ticks);
  if (!byKind.size) byKind.set('most ticks on one axis', () => `${mostTicks} (at most ${maxTicks})`);
});

const charts = new Map();
const chartsHeld = fuzz('charts (interval plot, benchmark, trend, ranking)', chartCase, checkChart, (input, out, byKind) => {
  let seen = charts.get(input.chart);
  if (!seen) {
    seen = { cases: 0, items: 0, ticks: 0, marks: 0, elements: 0, bytes: 0 };
    charts.set(input.chart, seen);
    byKind.set(input.chart, () => `${seen.cases} cases; most: ${seen.items} things to draw, ${seen.ticks} ticks, ${seen.marks} marks, ${seen.elements} elements, ${seen.bytes.toLocaleString('en')} bytes`);
  }
  seen.cases++;
  seen.items = Math.max(seen.items, input.items);
  seen.ticks = Math.max(seen.ticks, out.ticks);
  seen.marks = Math.max(seen.marks, out.marks);
  seen.elements = Math.max(seen.elements, out.elements);
  seen.bytes = Math.max(seen.bytes, out.bytes);
});

process.exitCode = axesHeld && chartsHeld ? 0 : 1;
