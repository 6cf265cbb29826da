// `safety-scan demo [dir]`: the bundled demo zone, imported into a fresh store, then the pipeline on it. The
// folder also gets a configuration (the zone's name, the store, the goals file) and the goals file, so every
// command run in it afterwards works on the demo as on a real zone.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { stringify } from 'yaml';
import { z } from 'zod';
import { StoreError, UsageError } from '../../errors.js';
import { outputFolder, writeFileAtomically } from '../../output-file.js';
import { storeFiles } from '../../store/engine.js';
import type { Translate } from '../../i18n/index.js';
import { TOOL_VERSION } from '../../version.js';
import { defineCommand, examples, nonEmpty } from '../command.js';
import { withSqliteStore, type Context } from '../context.js';
import type { ImportOptions } from '../import-run.js';
import { runCheckCommand } from './check.js';
import { runPlan } from './plan.js';
import { computeIndicators, renderIndicators } from './indicators.js';
import { runProfile } from './profile.js';
import { runReport } from './report.js';
import { runStatus } from './status.js';
import { outputPath } from '../output-path.js';

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
const DEMO_CONFIG = 'safety-scan.yaml';
const DEMO_GOALS = 'goals.yaml';
/** What the demo wrote into its folder: the sign that the folder is the demo's to rebuild. */
const MANIFEST = '.safety-scan-demo.json';
/** The store and its companions (SQLite's write-ahead log, shared memory and rollback journal). */
const STORE_FILES = storeFiles(DEMO_STORE);
/** Folders that commands run in the demo folder write into; kept on a rebuild (the demo only replaces its own report). */
const OUTPUT_FOLDERS = ['report', 'rejects'];
/** The demo shows the headline indicators; `indicators` on the demo store shows them all. */
const DEMO_HEADLINES = ['unsafe_general', 'unsafe_often', 'insecurity_index'];
const DEMO_ZONE = 'PZ Schelde-Leie';
/** A district where every source has something to say, including a divergence. */
const DEMO_PROFILE = 'Zwijnaarde';

/** What the demo wrote into its folder; a file that does not read as this is not the demo's. */
const manifestSchema = z.object({
  made_by: z.literal('safety-scan demo'),
  version: z.string(),
  /** the files the demo wrote besides the store, with the SHA-256 of what it wrote */
  files: z.record(z.string(), z.string()),
});
type Manifest = z.infer<typeof manifestSchema>;

function sha256Of(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function sha256(path: string): string {
  return sha256Of(readFileSync(path));
}

/**
 * A file the demo may have written: a plain file name in its folder (no folder part, no `..`, none of the names
 * the demo keeps for its marker, store or output folders) that is a regular file or absent, never a link.
 * A manifest naming anything else was not written by the demo (adversarial run r24, F6: a key `../victim.txt`
 * with that file's digest made the demo delete a file outside its folder).
 */
function isDemoFile(folder: string, file: string): boolean {
  if (file === '' || file === '.' || file === '..' || /[/\\\0]/.test(file)) return false;
  if (file === MANIFEST || STORE_FILES.includes(file) || OUTPUT_FOLDERS.includes(file)) return false;
  try {
    return lstatSync(join(folder, file)).isFile();
  } catch (error) {
    // absent is fine (a demo stopped halfway); anything that cannot be looked at is not taken for the demo's
    return error instanceof Error && 'code' in error && error.code === 'ENOENT';
  }
}

function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const manifest = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!manifest.success) return null;
    return Object.keys(manifest.data.files).every((file) => isDemoFile(folder, file)) ? manifest.data : null;
  } catch {
    return null;
  }
}

/**
 * The demo's earlier store: its batches that are not the demo's own (a store with anything else is the user's).
 * A batch is recognised by what it holds, never by its file's name alone (adversarial run r12, 4): its kind and
 * file name are those of one of the demo's files, and its file digest is that file's digest as an import keeps
 * it (keyed with the store's key for a pseudonymised kind, src/ingest/import.ts); each demo file at most once.
 * `unverified`: pseudonymised batches that only the store's key could show to be the demo's, when that key
 * cannot be had (a missing key file, another SAFETY_SCAN_KEY); they are not taken for the demo's either.
 */
async function foreignBatches(context: Context, store: string): Promise<{ foreign: string[]; unverified: string[] }> {
  const { DEMO_FIXTURES } = await import('../../paths.js');
  const { Store } = await import('../../store/db.js');
  const { Batches, PSEUDONYMISED_KINDS } = await import('../../store/batches.js');
  const { keyedDigest } = await import('../../store/key.js');
  const opened = Store.open(store, { mode: 'read', keys: { env: context.env } });
  try {
    const batches = new Batches(opened).list();
    let key: Buffer | null | undefined;
    const storeKey = (): Buffer | null => {
      if (key !== undefined) return key;
      try {
        key = opened.secret();
      } catch (error) {
        if (!(error instanceof StoreError)) throw error;
        key = null;
      }
      return key;
    };
    const seen = new Set<string>();
    const foreign: string[] = [];
    const unverified: string[] = [];
    for (const batch of batches) {
      const shown = `${batch.id} (${batch.file})`;
      const demo = DEMO_IMPORTS.find((entry) => entry.file === batch.file && entry.options.kind === batch.kind);
      if (demo === undefined || seen.has(demo.file)) {
        foreign.push(shown);
        continue;
      }
      const plain = sha256(join(DEMO_FIXTURES, demo.file));
      // a batch kept by an earlier version may hold its digest plain (import.ts, batchDigests)
      if (batch.sha256 === plain) {
        seen.add(demo.file);
        continue;
      }
      const keyed = PSEUDONYMISED_KINDS.includes(demo.options.kind) ? storeKey() : undefined;
      if (keyed === null) unverified.push(shown);
      else if (keyed !== undefined && batch.sha256 === keyedDigest(keyed, plain)) seen.add(demo.file);
      else foreign.push(shown);
    }
    return { foreign, unverified };
  } finally {
    opened.close();
  }
}

/** What was in the demo's folder before this run built in it: what a failed run leaves (removeHalfBuilt). */
interface FolderBefore {
  /** the first folder this run made (the demo's folder or one above it); undefined when the folder was there */
  made: string | undefined;
  /** the earlier demo's output folders (`report`, `rejects`) a rebuild keeps */
  kept: string[];
}

/**
 * A new or empty folder is used as it is. A folder the demo made is rebuilt, but only when everything in it
 * is still the demo's: no other files, its configuration and goals as the demo wrote them, no other data in
 * its store. Anything else is refused before a single file is touched.
 */
async function prepareFolder(context: Context, folder: string): Promise<FolderBefore> {
  if (!existsSync(folder)) {
    // made as every output folder is: a link or a file there refused, a failure named with its real reason
    return { made: outputFolder(folder), kept: [] };
  }
  if (!statSync(folder).isDirectory()) throw new UsageError('usage.demo_dir_not_folder', { dir: folder });
  const entries = readdirSync(folder).sort();
  if (entries.length === 0) return { made: undefined, kept: [] };
  const manifest = readManifest(folder);
  if (!manifest) throw new UsageError('usage.demo_dir_not_empty', { dir: folder, entries: entries.slice(0, 5).join(', ') });
  const ours = new Set([MANIFEST, ...STORE_FILES, ...OUTPUT_FOLDERS, ...Object.keys(manifest.files)]);
  const foreign = entries.filter((entry) => !ours.has(entry));
  if (foreign.length > 0) throw new UsageError('usage.demo_dir_not_empty', { dir: folder, entries: foreign.slice(0, 5).join(', ') });
  for (const [file, hash] of Object.entries(manifest.files)) {
    const path = join(folder, file);
    if (existsSync(path) && sha256(path) !== hash) throw new UsageError('usage.demo_file_changed', { file: path });
  }
  const store = join(folder, DEMO_STORE);
  if (existsSync(store)) {
    const { foreign, unverified } = await foreignBatches(context, store);
    if (foreign.length > 0) throw new UsageError('usage.demo_store_not_demo', { store, batches: foreign.slice(0, 5).join(', ') });
    if (unverified.length > 0) throw new UsageError('usage.demo_store_no_key', { store, batches: unverified.slice(0, 5).join(', ') });
  }
  // The replaced store's key file stays (adversarial run r9, F8): a copy of the demo folder, or a store copied out
  // of it, has the same store id and so needs that same key file to import. The marker stays until the new one
  // replaces it, so a rebuild stopped before that still leaves a folder the next demo may rebuild.
  for (const file of [...STORE_FILES, ...Object.keys(manifest.files)]) rmSync(join(folder, file), { force: true });
  return { made: undefined, kept: OUTPUT_FOLDERS.filter((name) => entries.includes(name)) };
}

/**
 * A demo that failed leaves no half-built folder (adversarial run r9, F7): a folder it made goes whole; in a folder
 * that was there, its store, configuration and goals go, and so does its marker unless the earlier demo's
 * `report/` or `rejects/` are kept (the marker lets the next demo rebuild the folder with them).
 */
function removeHalfBuilt(folder: string, before: FolderBefore): void {
  try {
    if (before.made !== undefined) {
      rmSync(before.made, { recursive: true, force: true });
      return;
    }
    for (const file of [...STORE_FILES, DEMO_CONFIG, DEMO_GOALS]) rmSync(join(folder, file), { force: true });
    for (const output of OUTPUT_FOLDERS) if (!before.kept.includes(output)) rmSync(join(folder, output), { recursive: true, force: true });
    if (before.kept.length === 0) rmSync(join(folder, MANIFEST), { force: true });
  } catch {
    // already failing: the error that stopped the demo is the one reported
  }
}

/**
 * The key file of the store a failed demo is about to remove: the store was new (this run made it, with an id
 * of its own), so its key file was made by this run too and would be left keying nothing. Undefined when the
 * store cannot be read (then the file, if any, stays) or its key comes from SAFETY_SCAN_KEY.
 */
async function newStoreKeyFile(context: Context, store: string): Promise<string | undefined> {
  try {
    const { Store } = await import('../../store/db.js');
    const { keyFile } = await import('../../store/key.js');
    const id = Store.reading(store, (opened) => opened.meta('store_id'));
    return id === undefined ? undefined : keyFile({ env: context.env }, id, store);
  } catch {
    return undefined;
  }
}

/** The configuration commands run in the demo folder read: the zone's name, the store and the goals file. */
function demoConfig(t: Translate, zone: string): string {
  return `# ${t('demo.config_title')}
# ${t('template.zone')}
${stringify({ zone }).trimEnd()}

# ${t('template.store')}
store: ${DEMO_STORE}

# ${t('template.goals')}
goals: ${DEMO_GOALS}
`;
}

/**
 * Writes the configuration and the goals file, and the manifest that lets a later demo rebuild the folder;
 * each whole or not at all (a failure names the file and leaves no truncated one).
 */
function writeDemoFiles(folder: string, fixtures: string, t: Translate, zone: string): string {
  const goals = join(folder, DEMO_GOALS);
  const goalsText = readFileSync(join(fixtures, DEMO_GOALS));
  const config = demoConfig(t, zone);
  const manifest: Manifest = {
    made_by: 'safety-scan demo',
    version: TOOL_VERSION,
    files: { [DEMO_CONFIG]: sha256Of(config), [DEMO_GOALS]: sha256Of(goalsText) },
  };
  // The manifest first: a demo stopped after it leaves a folder the next demo may rebuild.
  writeFileAtomically(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileAtomically(goals, goalsText);
  writeFileAtomically(join(folder, DEMO_CONFIG), config);
  return goals;
}

function define(t: Translate) {
  return new Command('demo')
    .description(t('help.demo'))
    .argument('[dir]', t('help.demo_dir'), nonEmpty, 'safety-scan-demo')
    .addHelpText('after', examples(t, [['safety-scan demo', t('help.ex_demo')], ['safety-scan demo /tmp/zone', t('help.ex_demo_dir')]]));
}

/** Imports the demo zone into a fresh store in `dir`, then runs status, indicators, a profile, the check and the report on it. */
export async function runDemo(context: Context, dir: string): Promise<number> {
  const folder = outputPath(context, dir);
  const before = await prepareFolder(context, folder);
  const store = join(folder, DEMO_STORE);
  try {
    return await buildDemo(context, folder, store);
  } catch (error) {
    const key = await newStoreKeyFile(context, store);
    removeHalfBuilt(folder, before);
    if (key !== undefined) rmSync(key, { force: true });
    // "the store was left as it was" does not hold for a store the demo was making and has now removed
    if (error instanceof StoreError && error.detail.key === 'store.disk_full' && error.detail.params.store === store) {
      throw new StoreError('demo.disk_full', { store }, { cause: error });
    }
    throw error;
  }
}

/** Writes the demo's files and store into `folder`, then runs the pipeline on it. */
async function buildDemo(context: Context, folder: string, store: string): Promise<number> {
  const { DEMO_FIXTURES } = await import('../../paths.js');
  const { importFiles } = await import('../import-run.js');
  const { renderImportSummary } = await import('../../render/import-summary.js');
  // The demo zone's name, unless the user's configuration names one.
  const zone = context.settings.zone ?? DEMO_ZONE;
  // The manifest comes first: a demo stopped halfway leaves a folder the next demo may rebuild.
  const goals = writeDemoFiles(folder, DEMO_FIXTURES, context.t, zone);
  const demo = withSqliteStore(context, store, { ...context.settings, zone, goals });
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
  await runCheckCommand(demo, { goals, format: 'table' });
  context.out('\n');
  await runPlan(demo, { halfWidth: '0.05', responseRate: '0.35', format: 'table' });
  await runReport(demo, { goals, out: join(folder, 'report'), format: 'html' });
  context.log.info(context.t('demo.done', { store: demo.store }));
  context.log.info(context.t('demo.next_in_folder', { dir: displayFolder(context, folder) }));
  return 0;
}

/** The folder as the user can type it after `cd`: relative to where they are when it is inside, quoted for the shell when it must be. */
function displayFolder(context: Context, folder: string): string {
  const inside = relative(context.cwd, folder);
  const shown = inside === '' || inside.startsWith('..') || isAbsolute(inside) ? folder : inside;
  return /^[\w./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
}

export const demoCommand = defineCommand({ name: 'demo', define, run: (context, [dir], _options) => runDemo(context, dir) });
