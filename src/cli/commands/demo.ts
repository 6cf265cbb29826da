// `safety-scan demo [dir]`: the bundled demo zone, imported into a fresh store, then the pipeline on it.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { defineCommand, examples } from '../command.js';
import type { Context } from '../context.js';
import type { ImportOptions } from '../import-run.js';
import { runCheckCommand } from './check.js';
import { computeIndicators, renderIndicators } from './indicators.js';
import { runProfile } from './profile.js';
import { runReport } from './report.js';
import { runStatus } from './status.js';

/** The demo zone's files in import order, with how each is imported. */
export const DEMO_IMPORTS: Array<{ file: string; options: ImportOptions }> = [
  { file: 'population.csv', options: { kind: 'population' } },
  { file: 'survey-2023.csv', options: { kind: 'survey' } },
  { file: 'survey-2026.csv', options: { kind: 'survey' } },
  { file: 'keyfigures.csv', options: { kind: 'keyfigures' } },
  { file: 'monitor.csv', options: { kind: 'monitor', mapping: 'monitor-mapping.yaml' } },
  { file: 'signals.csv', options: { kind: 'signals' } },
];

const DEMO_STORE = 'safety-scan.db';
/** The demo shows the headline indicators; `indicators` on the demo store shows them all. */
const DEMO_HEADLINES = ['unsafe_general', 'unsafe_often', 'insecurity_index'];
const DEMO_ZONE = 'PZ Schelde-Leie';
/** A district where every source has something to say, including a divergence. */
const DEMO_PROFILE = 'Zwijnaarde';

/** A demo folder is rebuilt from scratch, but never one that holds anything else. */
function prepareFolder(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    const ours = new Set([DEMO_STORE, `${DEMO_STORE}-wal`, `${DEMO_STORE}-shm`, 'rejects', 'report']);
    const foreign = entries.filter((entry) => !ours.has(entry));
    if (foreign.length > 0) throw new UsageError('usage.demo_dir_not_empty', { dir, entries: foreign.slice(0, 5).join(', ') });
    for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

function define(t: Translate) {
  return new Command('demo')
    .description(t('help.demo'))
    .argument('[dir]', t('help.demo_dir'), 'safety-scan-demo')
    .addHelpText('after', examples(t, [['safety-scan demo', t('help.ex_demo')], ['safety-scan demo /tmp/zone', t('help.ex_demo_dir')]]));
}

/** Imports the demo zone into a fresh store in `dir`, then runs status, indicators, a profile, the check and the report on it. */
export async function runDemo(context: Context, dir: string): Promise<number> {
  const { DEMO_FIXTURES } = await import('../../paths.js');
  const { importFiles } = await import('../import-run.js');
  const { renderImportSummary } = await import('../../render/import-summary.js');
  const folder = context.path(dir);
  prepareFolder(folder);
  // The demo zone's name, unless the user's configuration names one.
  const demo: Context = { ...context, store: join(folder, DEMO_STORE), settings: { ...context.settings, zone: context.settings.zone ?? DEMO_ZONE } };
  context.log.info(context.t('demo.start', { dir: folder }));
  for (const { file, options } of DEMO_IMPORTS) {
    const mapping = options.mapping ? join(DEMO_FIXTURES, options.mapping) : undefined;
    await importFiles(demo, [join(DEMO_FIXTURES, file)], { ...options, mapping }, (outcome) => {
      for (const line of renderImportSummary({ ...outcome, file }, context.t, false)) if (line.level !== 'detail') context.log.info(line.text);
    });
  }
  await runStatus(demo, { format: 'table' });
  context.out('\n');
  context.out(await renderIndicators(await computeIndicators(demo, { indicator: DEMO_HEADLINES }), 'table', demo));
  context.out('\n');
  await runProfile(demo, { district: [DEMO_PROFILE], format: 'table' });
  const goals = join(DEMO_FIXTURES, 'goals.yaml');
  await runCheckCommand(demo, { goals, format: 'table' });
  context.out('\n');
  await (await import('./plan.js')).runPlan(demo, { halfWidth: '0.05', responseRate: '0.35', power: '0.8', alpha: '0.05', format: 'table' });
  await runReport(demo, { goals, out: join(folder, 'report'), format: 'html' });
  context.log.info(context.t('demo.done', { store: demo.store }));
  context.log.info(context.t('demo.next', { store: demo.store }));
  return 0;
}

export const demoCommand = defineCommand({ name: 'demo', define, run: (context, [dir]) => runDemo(context, dir) });
