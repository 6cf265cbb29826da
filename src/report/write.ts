// Writing a report into its folder. Names are fixed or slugs, every path is checked to stay inside the folder,
// no symbolic link inside it is followed, and every file goes through a temporary file renamed into place: so
// nothing is ever written outside the folder --out names, and a failure never leaves half a report.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { lstatSync } from 'node:fs';
import { message } from '../i18n/index.js';
import { isEarlierReportPart, mayReplace } from '../earlier-output.js';
import { checkFilePlace, outputFolder, withFolder, writeFileAtomically } from '../output-file.js';
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

/** Every folder between the report's folder and the file is a real folder (a link there is refused). */
function write(folder: string, name: string, content: string | Iterable<string>): string {
  const path = inside(folder, name);
  const root = resolve(folder);
  let at = root;
  for (const part of relative(root, dirname(path)).split(sep).filter(Boolean)) {
    at = join(at, part);
    outputFolder(at);
  }
  writeFileAtomically(path, content);
  return path;
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

/** Writes the report and returns the paths written, the main file first; a place refused writes nothing. */
export function writeReport(doc: ReportDocument, format: ReportFormat, folder: string, baseName: string): string[] {
  return withFolder(resolve(folder), () => {
    if (format === 'html') {
      checkPlace(folder, `${baseName}.html`, format);
      return [write(folder, `${baseName}.html`, reportHtmlPieces(doc))];
    }
    const { markdown, charts } = reportMarkdown(doc);
    const files: Array<[string, string]> = [[`${baseName}.md`, markdown], ...charts];
    for (const [name] of files) checkPlace(folder, name, format);
    return files.map(([name, content]) => write(folder, name, content));
  });
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : join('.', rel);
}
