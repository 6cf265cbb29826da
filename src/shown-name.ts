// Names that come with the data (a file's column headers) as messages show them: a header can be a whole
// megabyte of text, and a message that names it must stay one readable line (issue 17).
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { storedFileName, storedSheetName } from './ingest/privacy.js';
import { oneLine } from './render/terminal.js';

/** How much of a name a message shows. */
export const SHOWN_NAME_LENGTH = 60;

/**
 * `name`, or its first 60 characters and "…" when it is longer (never half of a surrogate pair), on one line: a
 * line break inside a name (a quoted CSV header may hold one) is shown as `\u000a`, so a header cannot start a
 * line of its own in a message (the other control characters are escaped where every message is written).
 */
export function shownName(name: string): string {
  const end = name.length <= SHOWN_NAME_LENGTH ? name.length : /[\ud800-\udbff]/.test(name[SHOWN_NAME_LENGTH - 1]) ? SHOWN_NAME_LENGTH - 1 : SHOWN_NAME_LENGTH;
  const shown = oneLine(name.slice(0, end));
  return end < name.length ? `${shown}…` : shown;
}

/** The `/` or `\\` between the steps of a path, kept as typed. */
const PATH_SEPARATOR = /([/\\]+)/;

/**
 * An input file's name as messages, the import summary and `--json` show it: the name as the store keeps it
 * (storedFileName: `jan.peeters@telenet.be.csv` -> `***.csv`), and each folder's name likewise (a folder
 * `jan.peeters@x.be` shown as `***`), the separators and the rest as typed (`data/survey-2026.csv`): a nightly job's
 * log kept the name the store withheld (adversarial run r29, item 2).
 */
export function shownFilePath(path: string): string {
  const steps = path.split(PATH_SEPARATOR);
  // a folder's name has no extension: `jan.peeters@telenet.be` is withheld whole, not kept as `***.be`
  const shown = (step: string, i: number) => (i === steps.length - 1 ? storedFileName(step) : storedSheetName(step));
  return steps.map((step, i) => (i % 2 === 1 || step === '' || step === '.' || step === '..' ? step : shown(step, i))).join('');
}

/** Names as a message lists them: each shortened by `shownName`, separated by commas. */
export function shownNames(names: Iterable<string>): string {
  return [...names].map(shownName).join(', ');
}

/**
 * Bytes of a name as text: valid UTF-8 as its characters, every other byte as `\xNN` (a file name on Linux is
 * bytes, and `bad\xff.csv` says what U+FFFD would hide).
 */
export function escapedBytes(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        text += decoder.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not a whole character: the lead byte is shown as a byte below
      }
    }
    text += `\\x${lead.toString(16).padStart(2, '0')}`;
    i++;
  }
  return text;
}

/**
 * A missing `path` as its folder holds it when its name was not valid UTF-8: Node reads every argument as UTF-8
 * and puts U+FFFD for each byte that is not, so the name it passes on does not exist, while the folder holds one
 * that reads as it. The path with that name's bytes escaped (`bad\xff.yaml`); null when there is no such name.
 */
export function undecodedPath(path: string): string | null {
  const name = basename(path);
  if (!name.includes('\ufffd')) return null;
  let onDisk: Buffer | undefined;
  try {
    onDisk = readdirSync(dirname(path), { encoding: 'buffer' }).find((entry) => entry.toString('utf8') === name);
  } catch {
    return null;
  }
  return onDisk === undefined ? null : `${path.slice(0, path.length - name.length)}${escapedBytes(onDisk)}`;
}
