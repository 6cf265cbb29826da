// One language per run (adversarial run r17b, item 4): `--lang` is a global option, so its last value
// (`--lang fr report --lang nl`: Dutch), as commander takes it, is the language of every message of the run,
// usage errors found before the command runs included, and of what the run writes; a flag goes before
// SAFETY_SCAN_LANG (README, Global options).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain, useDemoZone } from '../helpers/cli.js';

const demo = useDemoZone();
const STORE = ['--store', 'zone/safety-scan.db'];

describe('the language of a run given --lang twice', () => {
  it('a usage error speaks the last --lang, as the run would', async () => {
    const run = await demo.run(['--lang', 'fr', ...STORE, 'report', '--lang', 'nl', '--no-such-option']);
    expect(run.code, explain(run)).toBe(2);
    expect(run.stderr).toContain('onbekende optie `--no-such-option`');
    expect(run.stderr).not.toContain('option inconnue');
  });

  it('a report and its messages in the last --lang', async () => {
    const run = await demo.run(['--lang', 'fr', ...STORE, 'report', '--lang', 'nl', '--out', 'twice']);
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(demo.path('twice'))).toEqual(['report-2026-nl.html']);
    expect(run.stderr).toContain('rapport geschreven');
  });

  it('a flag goes before SAFETY_SCAN_LANG, for the report and its messages alike', async () => {
    const run = await demo.run([...STORE, 'report', '--lang', 'en', '--out', 'flagged'], { env: { SAFETY_SCAN_LANG: 'fr' } });
    expect(run.code, explain(run)).toBe(0);
    expect(readdirSync(demo.path('flagged'))).toEqual(['report-2026-en.html']);
    expect(run.stderr).toContain('report written');
  });
});
