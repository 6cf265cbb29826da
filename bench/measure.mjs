// Runs the CLI in this process and reports wall time and peak RSS on stderr as a JSON line:
//   node bench/measure.mjs <safety-scan args...>
// Used by the benchmarks so memory is measured without external tools.
import { main } from '../dist/bundle/safety-scan.js';

const started = process.hrtime.bigint();
const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env, process.cwd());
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stderr.write(`\nBENCH ${JSON.stringify({ code, seconds, cpuSeconds, maxRssMb: usage.maxRSS / 1024 })}\n`);
process.exitCode = code;
