// What the zone tells residents about plans and promises: written by the analyst, never by the tool. A
// feedback folder holds one Markdown file per district and language (`Oudegem.nl.md`); the report includes
// it, and says plainly where none was written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWhole } from '../bounded-file.js';
import { districtKey, listedDistricts, matchDistrict } from '../districts.js';
import { ConfigError, failureReason, systemFailure } from '../errors.js';
import { isLang, type Lang } from '../i18n/index.js';
import { storedFileName, textHoldsIdentifier } from '../ingest/privacy.js';
import { unreadableConfig, utf8Text } from '../config/yaml.js';
import { shownName } from '../shown-name.js';
import type { Block } from './document.js';

/** Far above a few paragraphs of feedback; a device (a link to /dev/zero) or a runaway file stops here, not in memory. */
export const MAX_FEEDBACK_BYTES = 1024 * 1024;

/** The analyst's feedback texts of one language, per district as the store spells it. */
export interface FeedbackTexts {
  folder: string;
  byDistrict: Map<string, string>;
  /**
   * Files that look like feedback but are not read: `<district>.<language>.md` with a language the tool writes no
   * report in (`Baasrode.de.md`), another file type or no language (unreadEnding), as messages show them (shownFeedbackName, in the folder): said, not passed over
   * without a word (adversarial run r32, item 3).
   */
  unread?: string[];
  /** Where a line looks like personal data (an e-mail address, a phone number, an IBAN...): the file as messages show it (shownFeedbackFile) and line, never the value. */
  personal?: Array<{ file: string; line: number }>;
}

/**
 * Reads `<district>.<lang>.md` files (feedbackFileNames); a file for a district the store does not know is a configuration error.
 * The default folder may be absent (no feedback written yet); a folder the analyst named (`given`) must exist,
 * so that a mistyped `--feedback` is said, not quietly answered with placeholders.
 */
export function loadFeedback(folder: string, districts: readonly string[], lang: Lang, given = false): FeedbackTexts {
  const byDistrict = new Map<string, string>();
  const personal: Array<{ file: string; line: number }> = [];
  const unread: string[] = [];
  const owners = stemOwners(districts);
  /** The file each district's text came from, as messages show it: a second file for one district is refused. */
  const readFrom = new Map<string, string>();
  if (!existsSync(folder)) {
    if (given) throw new ConfigError('report.feedback_folder_missing', { location: { file: folder } });
    return { folder, byDistrict, personal, unread };
  }
  for (const name of feedbackNames(folder)) {
    const other = unreadEnding(name);
    if (other !== null) unread.push(join(folder, shownFeedbackName(name, other)));
    // the language's case as the file system keeps it (`Grembergen.EN.md`, saved so by a Windows user): the same language
    const suffix = name.slice(-`.${lang}.md`.length);
    if (suffix.toLowerCase() !== `.${lang}.md`) continue;
    const district = feedbackDistrict(name.slice(0, -suffix.length), districts, owners);
    const file = shownFeedbackName(name, suffix);
    const shown = join(folder, file);
    if (district === null) throw new ConfigError('report.feedback_unknown_district', { file: shownName(file), districts: listedDistricts(districts) }, { location: { file: shown } });
    // two files for one district (`Oudegem.en.md` and `oudegem.en.md`, `Oudégem.en.md`): one was published and the other
    // passed over without a word (adversarial run r36, A4); which one the analyst meant is theirs to say
    const earlier = readFrom.get(district);
    if (earlier !== undefined) throw new ConfigError('report.feedback_twice', { district, first: shownName(earlier), second: shownName(file) }, { location: { file: shown } });
    readFrom.set(district, file);
    const text = readFeedbackText(join(folder, name), shown);
    // the analyst's own text, copied as written: a line that looks like personal data is pointed at, not refused
    text.split(/\r\n?|\n/).forEach((line, i) => {
      if (textHoldsIdentifier(line)) personal.push({ file: shown, line: i + 1 });
    });
    byDistrict.set(district, text);
  }
  return { folder, byDistrict, personal, unread };
}

/** A feedback file's ending: a language code of two or three letters and `.md`, in any case (`.nl.md`, `.EN.md`, `.de.md`). */
const FEEDBACK_ENDING = /\.[A-Za-z]{2,3}\.md$/i;

/** A language's ending with another file type (`.nl.txt`, `.fr.docx`, `.en.markdown`), or `.md` alone. */
const MISNAMED_FEEDBACK = /(?:\.(?:en|nl|fr)\.[A-Za-z0-9]{1,10}|\.md)$/i;

/**
 * The ending of a file meant as feedback that no report reads, in any language, else null: a language safety-scan
 * writes no report in (`.de.md`), a file type other than Markdown (`Oudegem.nl.txt`) or no language (`Oudegem.md`).
 * Said rather than passed over (adversarial run r32, item 3; r33, left item).
 */
function unreadEnding(name: string): string | null {
  const ending = FEEDBACK_ENDING.exec(name)?.[0];
  if (ending !== undefined) return isLang(ending.slice(1, -3).toLowerCase()) ? null : ending;
  return MISNAMED_FEEDBACK.exec(name)?.[0] ?? null;
}

/**
 * A feedback file's name as every message shows it: the name before `.<lang>.md` as a data file's name is
 * stored (storedFileName: a piece that looks like an identifier, an address or a titled name as `***`), the
 * ending kept (`jan.peeters@example.be.en.md` -> `***.be.en.md`, `Dr. J. Peeters.en.md` -> `***.en.md`).
 */
export function shownFeedbackName(name: string, suffix: string): string {
  return `${storedFileName(name.slice(0, -suffix.length))}${suffix}`;
}

/**
 * Characters no file name can hold on some system: `/` (a folder on every one), `\` and `: * ? " < > |`
 * (Windows). A district name holding one (`Zuid/Oost`) has its feedback file named with `_` in its place.
 */
const NOT_IN_FILE_NAMES = /[/\\:*?"<>|]/g;

/**
 * Each district's feedback file in `lang` (`Oudegem.nl.md`, `Zuid_Oost.nl.md` for `Zuid/Oost`): the file the report
 * tells the analyst to write and reads, one per district (feedbackStems).
 */
export function feedbackFileNames(districts: readonly string[], lang: Lang): Map<string, string> {
  return new Map([...feedbackStems(districts)].map(([district, stem]) => [district, `${stem}.${lang}.md`]));
}

/**
 * Each district's feedback file name before `.<lang>.md`: the name, `_` for each character no file name can hold.
 * When that makes two districts' names alike (`Zuid/Oost`, `Zuid:Oost` and `Zuid_Oost` all gave `Zuid_Oost`, so the
 * text written for one was published for another: adversarial run r36, A3), each district written with `_` in the
 * place of such a character also gets six hex digits of a digest of its name (`Zuid_Oost-3fa9c1`).
 */
function feedbackStems(districts: readonly string[]): Map<string, string> {
  const sharing = new Map<string, number>();
  for (const district of districts) {
    const key = districtKey(inFileName(district));
    sharing.set(key, (sharing.get(key) ?? 0) + 1);
  }
  return new Map(
    districts.map((district) => {
      const stem = inFileName(district);
      const shared = (sharing.get(districtKey(stem)) ?? 0) > 1 && stem !== district;
      return [district, shared ? `${stem}-${createHash('sha256').update(district).digest('hex').slice(0, 6)}` : stem];
    }),
  );
}

/** The districts whose feedback file bears each name (feedbackStems), by the name's districtKey: worked out once per folder. */
function stemOwners(districts: readonly string[]): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [district, stem] of feedbackStems(districts)) {
    const key = districtKey(stem);
    const sharing = owners.get(key);
    if (sharing) sharing.push(district);
    else owners.set(key, [district]);
  }
  return owners;
}

/** A district's name as a file name holds it: `_` for each character NOT_IN_FILE_NAMES. */
function inFileName(district: string): string {
  return district.replace(NOT_IN_FILE_NAMES, '_');
}

/**
 * The district a feedback file's name (without `.<lang>.md`) is for: its spelling of the name (matchDistrict),
 * else the district whose name the report gives the file (feedbackStems), in any case, when one district has it.
 */
function feedbackDistrict(stem: string, districts: readonly string[], owners: ReadonlyMap<string, readonly string[]>): string | null {
  const named = matchDistrict(stem, districts);
  if (named !== null) return named;
  const found = owners.get(districtKey(stem)) ?? [];
  return found.length === 1 ? found[0] : null;
}

/** The folder's file names, sorted; a folder that cannot be listed (a file, no permission) is a configuration error, as every feedback problem. */
function feedbackNames(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch (error) {
    const failure = systemFailure(error);
    throw new ConfigError('report.feedback_folder_unreadable', { reason: failure ? failureReason(failure.code) : String(error) }, { location: { file: folder }, cause: error });
  }
}

/**
 * One feedback file's text, by the rule of every file the tool reads whole (readBounded): opened without
 * blocking (a pipe is refused, not waited on), read only when a regular file of at most MAX_FEEDBACK_BYTES.
 * A symbolic link is refused, not followed: the report publishes the text, and a link could bring in any
 * file the user can read (the store's pseudonymisation key).
 */
function readFeedbackText(file: string, shown: string): string {
  const location = { file: shown };
  const bytes = readWhole(file, MAX_FEEDBACK_BYTES, {
    // located by the name as shown, unless it is a name that is not UTF-8 (shown with its bytes escaped)
    failed: (error) => {
      const failure = unreadableConfig(file, error);
      return failure.location.file === file ? unreadableConfig(shown, error) : failure;
    },
    unreadable: (reason) => new ConfigError('config.unreadable', { reason }, { location }),
    tooLarge: (size, limit) => new ConfigError('report.feedback_too_large', { size, limit }, { location }),
  }, 'refuse');
  // UTF-8 only, as the configuration files: a Windows-1252 or UTF-16 file would be copied into the report as garbage
  return utf8Text(shown, bytes, { utf16: 'report.feedback_utf16', notUtf8: 'report.feedback_not_utf8' }).replace(/^\ufeff/, '');
}

/**
 * Plain Markdown as the report's blocks: paragraphs and `-` lists; everything else is text (escaped by the renderers).
 * A list may follow a paragraph's last line without a blank line, as Markdown allows (it was joined into the
 * paragraph as ` - ` text: adversarial run r36-B, minor); a line after an item without a marker continues the item.
 */
export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let paragraph: string[] = [];
    let items: string[] | null = null;
    const close = () => {
      if (paragraph.length > 0) blocks.push({ type: 'paragraph', className: 'feedback', text: paragraph.join(' ').replace(/^#+\s*/, '') });
      if (items !== null) blocks.push({ type: 'list', className: 'feedback', items });
      paragraph = [];
      items = null;
    };
    for (const line of chunk.split('\n').map((part) => part.trim()).filter(Boolean)) {
      if (/^[-*] /.test(line)) {
        if (items === null) {
          close();
          items = [];
        }
        items.push(line.slice(2).trim());
      } else if (items !== null) {
        items[items.length - 1] += ` ${line}`;
      } else {
        paragraph.push(line);
      }
    }
    close();
  }
  return blocks;
}
