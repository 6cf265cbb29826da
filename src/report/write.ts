// Writing a report into its folder. Names are fixed or slugs, every path is checked to stay inside the folder,
// no symbolic link inside it is followed, and every file goes through a temporary file renamed into place: so
// nothing is ever written outside the folder --out names, and a failure never leaves half a report.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { message } from '../i18n/index.js';
import { isEarlierReportPart, mayReplace } from '../earlier-output.js';
import { abortStaged, checkFilePlace, outputFolder, placeUnlessStopped, stageFile, stagePieces, withFolderAsync, type PartialFile } from '../output-file.js';
import { NO_PAUSE, paced, type Pause } from '../pace.js';
import { reportHtmlPieces } from '../render/report/html.js';
import { reportMarkdown } from '../render/report/markdown.js';
import type { ReportFormat } from '../render/formats.js';
import type { ReportDocument } from './document.js';


/** A path inside `folder`, or an error: no `..`, no absolute names, no escape through the name. */
export function inside(folder: string, name: string): string {
  const root = resolve(folder);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || resolve(root, rel) !== target) {
    throw new UsageError('usage.outside_out', { name, out: folder });
  }
  return target;
}

/** A file staged at its place inside `folder` by `write` (stageFile), every folder between a real folder (a link there is refused). */
async function stage(folder: string, name: string, write: (path: string) => PartialFile | Promise<PartialFile>): Promise<[PartialFile, string]> {
  const path = inside(folder, name);
  const root = resolve(folder);
  let at = root;
  for (const part of relative(root, dirname(path)).split(sep).filter(Boolean)) {
    at = join(at, part);
    outputFolder(at);
  }
  return [await write(path), path];
}

/**
 * Refuses, before anything is written, a file's place inside the folder that is a link or no place for a file, or
 * that holds a file other than an earlier report's (a user's own notes at the report's name are never replaced).
 */
function checkPlace(folder: string, name: string, format: ReportFormat): void {
  const path = inside(folder, name);
  const root = resolve(folder);
  let at = root;
  for (const part of relative(root, dirname(path)).split(sep).filter(Boolean)) {
    at = join(at, part);
    // a folder on the way that is there must be a real folder (outputFolder refuses anything else)
    if (lstatSync(at, { throwIfNoEntry: false }) !== undefined) outputFolder(at);
  }
  checkFilePlace(path);
  if (!mayReplace(path, (fd) => isEarlierReportPart(fd, name))) throw new UsageError('output.would_replace', { command: 'report', format }, { location: { file: path }, hint: message('hint.out_replace') });
}

/**
 * Writes the report and returns the paths written, the main file first; a place refused writes nothing. Every
 * file is staged first and all are put in place together, unless a stop signal came meanwhile (then none is):
 * `pause` (src/pace.ts) lets such a signal end the work between one district's pages or charts and the next.
 */
export async function writeReport(doc: ReportDocument, format: ReportFormat, folder: string, baseName: string, pause: Pause = NO_PAUSE): Promise<string[]> {
  return withFolderAsync(resolve(folder), async () => {
    type Stager = (path: string) => PartialFile | Promise<PartialFile>;
    let files: Array<[string, Stager]>;
    if (format === 'html') files = [[`${baseName}.html`, (path) => stagePieces(path, paced(reportHtmlPieces(doc), pause))]];
    else {
      const { markdown, charts } = await reportMarkdown(doc, chartFolder(baseName), pause);
      files = [[`${baseName}.md`, (path) => stageFile(path, markdown)], ...[...charts].map(([name, svg]): [string, Stager] => [name, (path) => stageFile(path, svg)])];
    }
    for (const [name] of files) checkPlace(folder, name, format);
    const staged: Array<[PartialFile, string]> = [];
    try {
      for await (const [name, write] of paced(files, pause)) staged.push(await stage(folder, name, write));
      // a stop taken since the last pause ends the work here, before placeUnlessStopped listens for its own
      await pause();
    } catch (error) {
      abortStaged(staged);
      throw error;
    }
    await placeUnlessStopped(staged);
    if (format === 'md') removeStaleCharts(folder, chartFolder(baseName), new Set(staged.map(([, path]) => path)));
    return staged.map(([, path]) => path);
  });
}

/**
 * Where a Markdown report's charts go, beside it: a folder of the report's own (`charts/report-2026-en/`), so
 * that reports of other waves, languages or districts in one folder never draw each other's charts.
 */
function chartFolder(baseName: string): string {
  return `charts/${baseName}`;
}

/**
 * Charts an earlier run of this report left in its chart folder that this one no longer draws (a district
 * forgotten since): removed, so that no figure of it stays beside the report (adversarial run r19b, F6). Only
 * regular files that read as the tool's charts; anything else there is left as it is.
 */
function removeStaleCharts(folder: string, charts: string, written: ReadonlySet<string>): void {
  const at = inside(folder, charts);
  if (!lstatSync(at, { throwIfNoEntry: false })?.isDirectory()) return;
  for (const name of readdirSync(at)) {
    const path = join(at, name);
    if (!name.endsWith('.svg') || written.has(path) || !lstatSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    if (mayReplace(path, (fd) => isEarlierReportPart(fd, name))) rmSync(path, { force: true });
  }
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : join('.', rel);
}
