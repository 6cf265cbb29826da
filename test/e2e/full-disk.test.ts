// A full disk (or a file-size limit) while a report or the configuration is written: exit 3 with one line,
// and the earlier file is left exactly as it was, with no half-written file or temporary file beside it.
import * as fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Failing } from '../helpers/failing-fs.js';
import { explain, useDemoZone } from '../helpers/cli.js';

/** The next writes fail as a full disk (or a file-size limit) would make them fail. */
const failing = vi.hoisted((): Failing => ({ code: null }));

vi.mock('node:fs', async (importOriginal) => (await import('../helpers/failing-fs.js')).failingWrites(await importOriginal(), failing));

const zone = useDemoZone();
afterEach(() => {
  failing.code = null;
});

function tempFiles(folder: string): string[] {
  return fs.readdirSync(folder).filter((name) => /\.(tmp|partial)$/.test(name));
}

describe('a full disk', () => {
  it.each(['ENOSPC', 'EFBIG'])('%s during report leaves the earlier report whole (exit 3)', async (code) => {
    const out = zone.path(`report-${code}`);
    const store = ['--store', zone.path('zone', 'safety-scan.db')];
    const first = await zone.run(['report', ...store, '--out', out]);
    expect(first.code, explain(first)).toBe(0);
    const earlier = fs.readFileSync(`${out}/report-2026-en.html`);
    failing.code = code;
    const run = await zone.run(['report', ...store, '--out', out, '--lang', 'en']);
    expect(run.code, explain(run)).toBe(3);
    const reason = code === 'ENOSPC' ? 'the disk is full' : 'the file would exceed the size allowed';
    expect(run.stderr).toContain(`error: ${out}/report-2026-en.html: could not be written: ${reason}; no half-written file was left.\n`);
    expect(fs.readFileSync(`${out}/report-2026-en.html`).equals(earlier)).toBe(true);
    expect(tempFiles(out)).toEqual([]);
  });

  it('during a report into a new folder, or init of a new folder, leaves no folder behind (exit 3; adversary r4, F2)', async () => {
    const store = ['--store', zone.path('zone', 'safety-scan.db')];
    failing.code = 'ENOSPC';
    const report = await zone.run(['report', ...store, '--out', zone.path('new-report', 'rep'), '--lang', 'en']);
    expect(report.code, explain(report)).toBe(3);
    expect(report.stderr).toContain('could not be written: the disk is full');
    expect(fs.existsSync(zone.path('new-report')), 'a folder report made').toBe(false);
    const markdown = await zone.run(['report', ...store, '--out', zone.path('new-md'), '--format', 'md', '--lang', 'en']);
    expect(markdown.code, explain(markdown)).toBe(3);
    expect(fs.existsSync(zone.path('new-md')), 'a folder report made').toBe(false);
    const init = await zone.run(['init', zone.path('new-init', 'sub')]);
    expect(init.code, explain(init)).toBe(3);
    expect(fs.existsSync(zone.path('new-init')), 'a folder init made').toBe(false);
    // a folder that was there stays
    fs.mkdirSync(zone.path('was-there'));
    const into = await zone.run(['init', zone.path('was-there')]);
    expect(into.code, explain(into)).toBe(3);
    expect(fs.readdirSync(zone.path('was-there'))).toEqual([]);
  });

  it('during init --force leaves the earlier configuration whole (exit 3)', async () => {
    const folder = zone.path('init-full');
    fs.mkdirSync(folder);
    fs.writeFileSync(`${folder}/safety-scan.yaml`, 'lang: nl\n');
    failing.code = 'ENOSPC';
    const run = await zone.run(['init', folder, '--force']);
    expect(run.code, explain(run)).toBe(3);
    expect(fs.readFileSync(`${folder}/safety-scan.yaml`, 'utf8')).toBe('lang: nl\n');
    expect(tempFiles(folder)).toEqual([]);
  });
});
