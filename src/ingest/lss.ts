// The survey structure file LimeSurvey exports (`.lss`, XML): question codes, types and texts, subquestions
// and answer options in every survey language. LimeSurvey 3 keeps texts in one row per language of
// `questions`, `subquestions` and `answers`; 4 and later move them to `question_l10ns` and `answer_l10ns`
// (docs/formats/limesurvey.md section 7).
import { createHash } from 'node:crypto';
import { readWhole } from '../bounded-file.js';
import { shownFilePath, undecodedPath } from '../shown-name.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError, failureReason, systemFailure } from '../errors.js';
import { phrase, type Phrase } from '../i18n/index.js';
import { shownName } from '../shown-name.js';
import { personalConfigCode } from '../config/yaml.js';
import { WITHHELD } from './privacy.js';
import type { Location } from '../errors.js';

/** A text per survey language (`nl`, `fr`, `de-informal`, ...). */
export type Texts = Readonly<Record<string, string>>;

export interface AnswerOption {
  code: string;
  texts: Texts;
}

export interface SubQuestion {
  code: string;
  texts: Texts;
}

export interface Question {
  code: string;
  /** LimeSurvey's question type letter (`L` list, `F` array, `M` multiple choice, `S` short text, ...). */
  type: string;
  texts: Texts;
  /** In the survey's order. */
  subquestions: SubQuestion[];
  /** In the survey's order (first scale only: the one exported for single-scale questions). */
  answers: AnswerOption[];
  hasOther: boolean;
}

export interface SurveyStructure {
  file: string;
  digest: string;
  /** The base language first. */
  languages: string[];
  /** In the survey's order, groups first. */
  questions: Question[];
}

/** Question types whose answers are free text: never stored, whatever the column is called. */
export const FREE_TEXT_TYPES = new Set(['S', 'T', 'U', 'Q', ';', '|']);

type XmlRow = Record<string, unknown>;

/** Far above a real structure file (a few MB for a large survey in several languages); a device or runaway file stops here. */
const MAX_STRUCTURE_BYTES = 64 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name, path) => name === 'row' || path === 'document.languages.language',
});

function text(row: XmlRow, field: string): string {
  const value = row[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function rowsOf(document: XmlRow, section: string): XmlRow[] {
  const rows = (document[section] as { rows?: { row?: XmlRow[] } } | undefined)?.rows?.row;
  return Array.isArray(rows) ? rows : [];
}

type StructureProblem = 'input.lss_not_survey' | 'input.lss_no_language' | 'input.lss_no_questions';

function invalid(file: string, key: StructureProblem): InputError {
  return new InputError(key, { location: { file } });
}

/** Reads and checks a `.lss` file; `namedAt` is where its name was given (a mapping's `lss:` line). */
export function readStructure(file: string, namedAt?: Location): SurveyStructure {
  // named in messages as the store would keep the name (adversarial run r29, item 2: `jan.peeters@telenet.be.lss`)
  const shown = shownFilePath(file);
  const location = { file: shown };
  const bytes = readWhole(file, MAX_STRUCTURE_BYTES, {
    failed: (error) => {
      const code = systemFailure(error)?.code;
      const onDisk = code === 'ENOENT' ? undecodedPath(file) : null;
      // the file is there under a name that is not UTF-8: said with its bytes escaped, never "not found"
      if (onDisk !== null) return new InputError('input.name_not_utf8', { location: { file: onDisk }, cause: error });
      if (code === 'ENOENT') return new InputError('input.lss_missing', { file: shown }, { location: namedAt ?? location, cause: error });
      return new InputError('input.unreadable', { reason: code ? failureReason(code) : String(error) }, { location, cause: error });
    },
    unreadable: (reason) => new InputError('input.unreadable', { reason }, { location }),
    tooLarge: (size, limit) => new InputError('input.lss_too_large', { size, limit }, { location }),
  });
  return parseStructure(shown, bytes.toString('utf8').replace(/^\ufeff/, ''), createHash('sha256').update(bytes).digest('hex'));
}

/** The validator's verdict; what it throws on hostile XML (entities declared, tags nested past its limit) is a verdict too. */
function validated(xml: string): ReturnType<typeof XMLValidator.validate> {
  try {
    return XMLValidator.validate(xml);
  } catch (error) {
    return { err: { code: 'InvalidXml', msg: error instanceof Error ? error.message : String(error), line: 1, col: 1 } };
  }
}

/** The first name the parser quotes in its message (`char 'r' is not expected.`, `Unclosed tag 'a'.`). */
function quotedIn(text: string): string | undefined {
  return /'([^']+)'/.exec(text)?.[1];
}

/**
 * An element's or attribute's name as an .lss error quotes it: WITHHELD when it is a code holding personal data
 * as a configuration's declared code is judged (`personalConfigCode`: `JanPeeters_0470123456`, `dhr_peeters`, an
 * e-mail address), else on one line as written. An XML name is a code (no spaces), and a file that is not a
 * structure file may be any XML, its tags named after a person (adversarial run r31, B8). The heading rule would
 * withhold LimeSurvey's own `LimeSurveyDocType`.
 */
function shownXmlName(name: string): string {
  return personalConfigCode(name) ? WITHHELD : shownName(name);
}

/**
 * What the XML validator or parser found, in the catalogue's words: its error kind (a character, a tag or an
 * attribute out of place, entities, nesting) decides the reason; its English message only gives the name quoted.
 */
function xmlReason(code: string, text: string): Phrase {
  const quoted = quotedIn(text);
  // the parser's own words, not a name it quotes: a tag `<LimeSurveyDocType>` out of place read as a DOCTYPE declared
  const words = text.replace(/'[^']{0,2000}'/g, "''");
  if (/entit|doctype/i.test(words)) return phrase('input.lss_reason_entities');
  if (/nested/i.test(words)) return phrase('input.lss_reason_depth');
  if (code === 'InvalidChar' && quoted !== undefined) return phrase('input.lss_reason_char', { char: shownName(quoted) });
  if (code === 'InvalidTag' && quoted !== undefined) return phrase('input.lss_reason_tag', { tag: shownXmlName(quoted) });
  if (code === 'InvalidAttr' && quoted !== undefined) return phrase('input.lss_reason_attribute', { attribute: shownXmlName(quoted) });
  return phrase('input.lss_reason_xml');
}

/** The document element; the parser refuses external entities and deep nesting by throwing: not a structure file. */
function parsed(file: string, xml: string): XmlRow | undefined {
  try {
    return (parser.parse(xml) as { document?: XmlRow }).document;
  } catch (error) {
    throw new InputError('input.lss_invalid', { reason: xmlReason('InvalidXml', error instanceof Error ? error.message : String(error)) }, { location: { file } });
  }
}

/**
 * The validator's message when the text ends with elements still open (`Invalid '["document","answers"]' found.`,
 * the open tags listed): a file cut off, whose error is at its end, not at line 1 where the validator puts it.
 */
const STILL_OPEN = /^Invalid '\[/;

/** Where a text ends: its last line and the column after its last character. */
function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

export function parseStructure(file: string, xml: string, digest: string): SurveyStructure {
  const valid = validated(xml);
  if (valid !== true) {
    // a file cut off (adversarial run r24): said so, at its end
    if (valid.err.code === 'InvalidXml' && STILL_OPEN.test(valid.err.msg)) {
      throw new InputError('input.lss_invalid', { reason: phrase('input.lss_reason_cut_off') }, { location: { file, ...endOf(xml) } });
    }
    throw new InputError('input.lss_invalid', { reason: xmlReason(valid.err.code, valid.err.msg) }, { location: { file, line: valid.err.line, column: valid.err.col } });
  }
  const document = parsed(file, xml);
  if (!document || text(document, 'LimeSurveyDocType') !== 'Survey') throw invalid(file, 'input.lss_not_survey');
  const settings = rowsOf(document, 'surveys')[0] ?? {};
  const listed = ((document.languages as { language?: unknown[] } | undefined)?.language ?? []).map(String);
  const base = text(settings, 'language') || listed[0];
  if (!base) throw invalid(file, 'input.lss_no_language');
  const extra = text(settings, 'additional_languages').split(/\s+/).filter(Boolean);
  const languages = [...new Set([base, ...extra, ...listed])];

  const questionRows = rowsOf(document, 'questions');
  const subRows = rowsOf(document, 'subquestions');
  // LimeSurvey 3 keeps each text in its row's `question` / `answer` with a `language`; 4+ in *_l10ns by id.
  const texts = new Map<string, Record<string, string>>();
  const addText = (key: string, language: string, value: string) => {
    if (!language) return;
    const entry = texts.get(key) ?? {};
    entry[language] = value;
    texts.set(key, entry);
  };
  for (const row of [...questionRows, ...subRows]) addText(`q${text(row, 'qid')}`, text(row, 'language'), text(row, 'question'));
  for (const row of rowsOf(document, 'question_l10ns')) addText(`q${text(row, 'qid')}`, text(row, 'language'), text(row, 'question'));
  const answerRows = rowsOf(document, 'answers');
  for (const row of answerRows) addText(`a${text(row, 'qid')}:${text(row, 'code')}:${text(row, 'scale_id')}`, text(row, 'language'), text(row, 'answer'));
  const answerById = new Map(answerRows.map((row) => [text(row, 'aid'), row]));
  for (const row of rowsOf(document, 'answer_l10ns')) {
    const answer = answerById.get(text(row, 'aid'));
    if (answer) addText(`a${text(answer, 'qid')}:${text(answer, 'code')}:${text(answer, 'scale_id')}`, text(row, 'language'), text(row, 'answer'));
  }

  const groupOrder = new Map(rowsOf(document, 'groups').map((row) => [text(row, 'gid'), Number(text(row, 'group_order'))]));
  const byOrder = (field: string) => (a: XmlRow, b: XmlRow) => Number(text(a, field)) - Number(text(b, field));
  const distinct = (rows: XmlRow[], key: (row: XmlRow) => string) => [...new Map(rows.map((row) => [key(row), row])).values()];

  const questions = distinct(questionRows, (row) => text(row, 'qid'))
    .filter((row) => text(row, 'parent_qid') === '0' || text(row, 'parent_qid') === '')
    .sort((a, b) => (groupOrder.get(text(a, 'gid')) ?? 0) - (groupOrder.get(text(b, 'gid')) ?? 0) || byOrder('question_order')(a, b))
    .map((row): Question => {
      const qid = text(row, 'qid');
      const subquestions = distinct(
        subRows.filter((sub) => text(sub, 'parent_qid') === qid && (text(sub, 'scale_id') || '0') === '0'),
        (sub) => text(sub, 'qid'),
      )
        .sort(byOrder('question_order'))
        .map((sub) => ({ code: text(sub, 'title'), texts: texts.get(`q${text(sub, 'qid')}`) ?? {} }));
      const answers = distinct(
        answerRows.filter((answer) => text(answer, 'qid') === qid && (text(answer, 'scale_id') || '0') === '0'),
        (answer) => text(answer, 'code'),
      )
        .sort(byOrder('sortorder'))
        .map((answer) => ({ code: text(answer, 'code'), texts: texts.get(`a${qid}:${text(answer, 'code')}:${text(answer, 'scale_id') || '0'}`) ?? {} }));
      return { code: text(row, 'title'), type: text(row, 'type'), texts: texts.get(`q${qid}`) ?? {}, subquestions, answers, hasOther: text(row, 'other') === 'Y' };
    });
  if (questions.length === 0) throw invalid(file, 'input.lss_no_questions');
  return { file, digest, languages, questions };
}

/** A question or answer text as LimeSurvey's export writes it in headings: no tags, entities decoded, one line. */
export function plainText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, ' ') // no `<` inside: `[^>]*` rescans the rest from every `<` of a text without `>`
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
