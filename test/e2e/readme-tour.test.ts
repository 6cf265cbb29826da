// The README's tour runs as written: its commands are read out of README.md (so the README cannot drift from
// this test) and run top to bottom in a fresh folder that stands for a clone, `safety-scan` in-process through
// main(). Only what must be a process is spawned: `npx safety-scan` in the clone, `npm pack --dry-run` for the
// tarball the tour installs, and the build `npm ci` runs (in a copy, to check that it prints nothing).
// `npm ci`, `npm link` and `npm install --global` themselves are not run (network, the user's global npm
// folder): the test checks what they rely on, the package's `bin`, its tarball's name and contents.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, explain, type Run } from '../helpers/cli.js';
import { runCli } from '../helpers/run-cli.js';
import { scratchFolder } from '../helpers/scratch.js';

interface Step {
  line: string;
  /** the folder the step ran in, relative to the clone */
  folder: string;
  run: Run | null;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; scripts: Record<string, string> };

/** The tour: README.md from "## A tour" to the next section. */
function tourSection(): string {
  const start = readme.indexOf('\n## A tour\n');
  if (start < 0) throw new Error('README.md has no "## A tour" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** Every command of the tour's `sh` blocks in order, without its comment. */
function tourCommands(tour: string): string[] {
  return [...tour.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== ''),
  );
}

/** The outputs the tour prints: "`safety-scan …` on the demo store prints:" and the block after it. */
function printedOutputs(tour: string): Array<{ command: string; output: string }> {
  return [...tour.matchAll(/^`(safety-scan [^`]+)` on the demo store prints:\n\n```\n([\s\S]*?)```/gm)].map((match) => ({ command: match[1], output: match[2] }));
}

function spawn(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** What `npm pack` would write (without building: the bundle is already built for this test run). */
function packed(): { filename: string; files: string[] } {
  const result = spawn('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], ROOT);
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed:\n${result.stderr}`);
  const [pack] = JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { filename: pack.filename, files: pack.files.map((file) => file.path) };
}

const clone = scratchFolder('safety-scan-tour-');
const env: NodeJS.ProcessEnv = { HOME: clone, CI: '1', NO_COLOR: '1' };
const steps: Step[] = [];

/** Runs one line of the tour; every kind of line the tour may hold is named here, and any other fails. */
async function perform(line: string, cwd: string): Promise<{ cwd: string; run: Run | null }> {
  if (/["'`$|&;<]/.test(line)) throw new Error(`the tour test cannot run "${line}": write it without quotes, variables, pipes or chains`);
  const words = line.split(/\s+/);
  const [program, ...args] = words;
  if (program === 'cd') {
    const target = resolve(cwd, args[0]);
    if (!existsSync(target)) throw new Error(`"${line}": ${target} does not exist at this point of the tour`);
    return { cwd: target, run: null };
  }
  if (program === 'mkdir' && args.length === 1) {
    mkdirSync(resolve(cwd, args[0]));
    return { cwd, run: null };
  }
  if (program === 'safety-scan') {
    const redirect = args.indexOf('>');
    const cliArgs = redirect < 0 ? args : args.slice(0, redirect);
    // as in a shell, the process itself runs in the folder: `import` reads its files relative to the process's folder
    const before = process.cwd();
    process.chdir(cwd);
    const run = await runCli(cliArgs, { cwd, env }).finally(() => process.chdir(before));
    if (redirect >= 0) writeFileSync(resolve(cwd, args[redirect + 1]), run.stdout);
    return { cwd, run };
  }
  if (program === 'npx' && args[0] === 'safety-scan') {
    // offline: the clone's own bin, never a package of that name from the registry; from a folder inside the clone
    const result = spawn('npx', args, join(ROOT, 'fixtures', 'demo'), { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' });
    return { cwd, run: { args, code: result.status, stdout: result.stdout, stderr: result.stderr } };
  }
  // checked by the tests below, never run here
  if (program === 'npm' && ['ci', 'link', 'pack', 'install'].includes(args[0])) return { cwd, run: null };
  throw new Error(`the tour test does not know how to run "${line}"`);
}

beforeAll(async () => {
  // the clone's files the tour names by path
  symlinkSync(join(ROOT, 'fixtures'), join(clone, 'fixtures'), 'dir');
  let cwd = clone;
  for (const line of tourCommands(tourSection())) {
    const done = await perform(line, cwd);
    steps.push({ line, folder: cwd.slice(clone.length + 1), run: done.run });
    cwd = done.cwd;
  }
}, 180_000);

afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('the README tour', () => {
  it('is in the README, shows the three ways to call safety-scan, and every command in it ran without an error', () => {
    const lines = steps.map((step) => step.line);
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(lines).toContain('npm ci');
    expect(lines.some((line) => line.startsWith('npx safety-scan '))).toBe(true);
    expect(lines).toContain('npm link');
    expect(lines.some((line) => /^npm install --global \S+\.tgz$/.test(line))).toBe(true);
    for (const step of steps.filter((s) => s.run !== null)) {
      const run = step.run as Run;
      expect(run.code, `${step.folder}$ ${step.line}\n${explain(run)}`).toBe(0);
      expect(run.stderr, `${step.folder}$ ${step.line}`).not.toMatch(/^(error|warning):/im);
    }
  });

  it('prints exactly what the README says it prints', () => {
    const outputs = printedOutputs(tourSection());
    expect(outputs.length).toBeGreaterThanOrEqual(1);
    for (const { command, output } of outputs) {
      const step = steps.find((s) => s.line === command && s.folder === 'safety-scan-demo');
      expect(step, `"${command}" is not a command of the tour run in the demo folder`).toBeDefined();
      expect(step?.run?.stdout).toBe(output);
    }
  });

  it('npx finds the clone’s own safety-scan, offline, from a folder inside the clone', () => {
    const step = steps.find((s) => s.line.startsWith('npx safety-scan '));
    expect(step?.run?.stdout).toMatch(/^Usage: safety-scan /);
  });

  it('npm ci builds the tool without a word: its only install script is the quiet build', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'postprepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
    // the build npm ci runs, in a copy of the clone, so the bundle other tests run is left alone
    const copy = scratchFolder('safety-scan-build-');
    try {
      for (const part of ['package.json', 'rolldown.config.mjs', 'src']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const build = spawn('sh', ['-c', pkg.scripts.prepare], copy);
      expect(build.status, build.stderr).toBe(0);
      expect(build.stdout + build.stderr).toBe('');
      expect(existsSync(join(copy, 'dist', 'bundle', 'safety-scan.js'))).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);

  it('npm link and a global install put the command `safety-scan` on the PATH: the package’s bin and tarball hold it', () => {
    expect(Object.keys(pkg.bin)).toEqual(['safety-scan']);
    expect(readFileSync(join(ROOT, pkg.bin['safety-scan']), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const { filename, files } = packed();
    const install = steps.find((s) => s.line.startsWith('npm install --global '));
    expect(install?.line).toBe(`npm install --global ./${filename}`);
    expect(tourSection()).toContain(`writes ${filename}`);
    for (const file of [pkg.bin['safety-scan'], 'dist/bundle/safety-scan.js', 'fixtures/demo/goals.yaml']) expect(files).toContain(file);
  }, 60_000);

  it('the demo folder holds the zone’s configuration and goals, so check and report in it need neither', () => {
    const demo = join(clone, 'safety-scan-demo');
    expect(readFileSync(join(demo, 'safety-scan.yaml'), 'utf8')).toMatch(/^zone: PZ Schelde-Leie$/m);
    const check = steps.find((s) => s.line === 'safety-scan check' && s.folder === 'safety-scan-demo');
    expect(check?.run?.stdout).toMatch(/\bG3\b/);
    const report = readFileSync(join(demo, 'report', 'report-2026-nl.html'), 'utf8');
    expect(report).toContain('PZ Schelde-Leie');
    expect(report).toMatch(/<table class="goals"/);
    expect(JSON.parse(readFileSync(join(demo, 'indicators-2026.json'), 'utf8'))).toHaveProperty('schema_version');
    expect(readFileSync(join(demo, 'oudegem.md'), 'utf8')).toContain('Oudegem');
  });

  it('the dry run of the LimeSurvey export leaves the demo’s figures as printed', () => {
    const dry = steps.find((s) => s.line.includes('--preset limesurvey'));
    expect(dry?.line).toContain('--dry-run');
    expect(dry?.run?.stderr).toMatch(/nothing stored/);
  });

  it('your own zone: every kind of file imported from its real path, then the check and a French report', () => {
    const own = steps.filter((s) => s.folder === 'my-zone' && s.line.startsWith('safety-scan import'));
    expect(own.map((s) => s.line.split(' ')[3]).sort()).toEqual(['keyfigures', 'monitor', 'population', 'signals', 'survey']);
    expect(existsSync(join(clone, 'my-zone', 'report', 'report-2026-fr.html'))).toBe(true);
  });
});
