// Reading a LimeSurvey export's headings in every style it writes them (code `Q2[SQ001]`, `code. text`, full
// question text `... [subquestion]`) and every export language: which columns are its metadata, which hold
// personal data or free text, and by which question code a mapping may name each question column.
import { FREE_TEXT_TYPES, plainText, type Question, type SurveyStructure } from '../lss.js';
import { isIdentifierColumn } from '../privacy.js';
import { fold } from '../values.js';
import { keyMatches, lookUpText, textKey } from './limesurvey-heading-text.js';
import {
  FREE_TEXT_CODE,
  FREE_TEXT_LABELS,
  METADATA_CODES,
  METADATA_TEXTS,
  PARTICIPANT_CODES,
  PARTICIPANT_TEXTS,
  TIMING_CODE,
  TIMING_TEXT,
} from './limesurvey-words.js';

export type HeadingRole = 'response_id' | 'submitdate' | 'metadata' | 'identifier' | 'free_text' | 'question';

export interface HeadingReading {
  role: HeadingRole;
  /** The code heading (`id`, `Q1`, `Q2[SQ001]`) when the heading or the structure file tells it. */
  code?: string;
  /** The question text part of a full heading, for renames by text. */
  text?: string;
  /** For a column of one option or subquestion: its question (code or text) and the option's label. */
  option?: { question: string; label: string };
  /** How the heading was recognised, for `map`: `code`, `text`, `position` or `structure`. */
  by?: 'code' | 'text' | 'position' | 'structure';
}

const CODE = /^[A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*$/;
const CODE_TEXT = /^([A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*)\. (.+)$/s;

/** The code and text of a heading: `Q1` (code), `Q1. Text` (both) or `Text` (text). */
export function splitHeading(heading: string): { code?: string; text?: string } {
  const clean = heading.replace(/^\ufeff/, '').trim();
  const both = CODE_TEXT.exec(clean);
  if (both) return { code: both[1], text: both[2].trim() };
  if (CODE.test(clean) && !/\s/.test(clean)) return { code: clean };
  return { text: clean };
}

/** `Q2[SQ001]` as `Q2` and `SQ001`; ExpressionScript headings write it `Q2_SQ001`. */
function codeParts(code: string): { question: string; sub?: string } {
  const bracket = /^([^[]+)\[([^\]]*)\]/.exec(code);
  if (bracket) return { question: bracket[1], sub: bracket[2] };
  return { question: code };
}

/**
 * `Text [Sub]` as the text before its last bracketed part and that part, or null. Found by index, not by a
 * regular expression: `^(.*\S)\s*\[([^\]]*)\]$` backtracks quadratically over a heading of many `[`
 * (a 100 KB heading took seconds; issue 17).
 */
export function trailingBracket(text: string): { before: string; inside: string } | null {
  if (!text.endsWith(']')) return null;
  const open = text.lastIndexOf('[', text.length - 2);
  if (open < 0) return null;
  const inside = text.slice(open + 1, -1);
  const before = text.slice(0, open).trimEnd();
  return inside.includes(']') || before === '' ? null : { before, inside };
}

/** A full heading's question text and its last bracketed part: `Text [Sub]`. */
export function textParts(text: string): { question: string; sub?: string } {
  const match = trailingBracket(text);
  return match ? { question: match.before.trim(), sub: match.inside.trim() } : { question: text };
}

/** A metadata column's code heading (`id`, `submitdate`, ...) from its code or its text in any export language. */
function metadataCode(code: string | undefined, text: string | undefined): string | null {
  if (code !== undefined && Object.hasOwn(METADATA_CODES, code.toLowerCase())) return code.toLowerCase();
  return text === undefined ? null : (lookUpText(Object.entries(METADATA_TEXTS), text) ?? null);
}

const PARTICIPANTS = [...PARTICIPANT_TEXTS].map((text) => [text, true] as const);
const FREE_TEXT = [...FREE_TEXT_LABELS].map((label) => [label, true] as const);

function timing(code: string | undefined, text: string | undefined): boolean {
  return (code !== undefined && TIMING_CODE.test(code)) || (text !== undefined && TIMING_TEXT.test(textKey(text)));
}

function participant(code: string | undefined, text: string | undefined): boolean {
  if (code !== undefined && (PARTICIPANT_CODES.has(code.toLowerCase()) || /^attribute_\d+$/i.test(code))) return true;
  return text !== undefined && lookUpText(PARTICIPANTS, text) === true;
}

function freeText(code: string | undefined, text: string | undefined): boolean {
  if (code !== undefined && FREE_TEXT_CODE.test(code) && code.includes('[')) return true;
  if (code !== undefined && /_(other|comment)$/i.test(code)) return true;
  const sub = text === undefined ? undefined : textParts(text).sub;
  return sub !== undefined && lookUpText(FREE_TEXT, sub) === true;
}

/** A heading the structure gives a question or subquestion in one language: its text parts as keys, and its code. */
interface StructureHeading {
  question: string;
  sub?: string;
  code: string;
}

/** Every heading a question of the structure gets, in each language, as `Text` and `Text [Sub]`. */
function structureHeadings(structure: SurveyStructure): StructureHeading[] {
  const headings: StructureHeading[] = [];
  for (const question of structure.questions) {
    for (const language of structure.languages) {
      const text = question.texts[language];
      if (text === undefined) continue;
      headings.push({ question: textKey(text), code: question.code });
      for (const sub of question.subquestions) {
        const subText = sub.texts[language];
        if (subText !== undefined) headings.push({ question: textKey(text), sub: textKey(subText), code: `${question.code}[${sub.code}]` });
      }
    }
  }
  return headings;
}

/** The code of the one question or subquestion a full heading names, whole or abbreviated, or undefined. */
function placeByStructure(headings: readonly StructureHeading[], text: string): string | undefined {
  const whole = textKey(text);
  const exact = headings.find((heading) => heading.sub === undefined && heading.question === whole);
  if (exact) return exact.code;
  const parts = textParts(text);
  const question = textKey(parts.question);
  const sub = parts.sub === undefined ? undefined : textKey(parts.sub);
  const codes = new Set(
    headings
      .filter((heading) => keyMatches(question, heading.question) && (sub === undefined ? heading.sub === undefined : heading.sub !== undefined && keyMatches(sub, heading.sub)))
      .map((heading) => heading.code),
  );
  return codes.size === 1 ? [...codes][0] : undefined;
}

function questionOf(structure: SurveyStructure | undefined, code: string): Question | undefined {
  const { question } = codeParts(code);
  return structure?.questions.find((candidate) => candidate.code.toLowerCase() === question.toLowerCase());
}

/** A subquestion's label in the structure, for flags: its text in the first language that has one. */
function subLabel(question: Question, sub: string, languages: string[]): string {
  const found = question.subquestions.find((candidate) => candidate.code.toLowerCase() === sub.toLowerCase());
  if (!found) return sub;
  for (const language of languages) if (found.texts[language] !== undefined) return plainText(found.texts[language]);
  return sub;
}

/**
 * Whether a question the structure placed asks for personal data, judged on its whole texts in every survey
 * language: an abbreviated heading (`Votre téléphone.. `) cannot tell a phone number from a stolen phone.
 */
function structureNamesIdentifier(question: Question | undefined, code: string | undefined, structure: SurveyStructure | undefined): boolean {
  if (!question || !structure || code === undefined) return false;
  const { sub } = codeParts(code);
  const subquestion = sub === undefined ? undefined : question.subquestions.find((candidate) => candidate.code.toLowerCase() === sub.toLowerCase());
  return structure.languages.some((language) => {
    const text = question.texts[language];
    if (text === undefined) return false;
    const subText = subquestion?.texts[language];
    return isIdentifierColumn(subText === undefined ? plainText(text) : `${plainText(text)} [${plainText(subText)}]`);
  });
}

/** How each heading of a LimeSurvey export reads; the structure file, when given, places full-text headings. */
export function readLimeSurveyHeadings(header: readonly string[], structure?: SurveyStructure): HeadingReading[] {
  const fromStructure = structure ? structureHeadings(structure) : null;
  const readings = header.map((heading): HeadingReading => {
    let { code, text } = splitHeading(heading);
    let by: HeadingReading['by'] = code !== undefined ? 'code' : 'text';
    if (code === undefined && text !== undefined && fromStructure) {
      const placed = placeByStructure(fromStructure, text);
      if (placed) {
        code = placed;
        by = 'structure';
      }
    }
    // A one-word heading is a code in code style and a text in full style (`Plaats`, `Toegangscode`).
    const words = text ?? code;
    const metadata = metadataCode(code, words);
    if (metadata) return { role: METADATA_CODES[metadata], code: metadata, text, by };
    if (timing(code, words)) return { role: 'metadata', code, text, by };
    if (participant(code, words)) return { role: 'identifier', code, text, by };
    const question = code !== undefined ? questionOf(structure, code) : undefined;
    if (freeText(code, text) || (question && FREE_TEXT_TYPES.has(question.type))) return { role: 'free_text', code, text, by };
    if (by === 'structure' ? structureNamesIdentifier(question, code, structure) : isIdentifierColumn(heading)) return { role: 'identifier', code, text, by };
    const reading: HeadingReading = { role: 'question', code, text, by };
    if (code?.includes('[')) {
      const parts = codeParts(code);
      const label = question && parts.sub !== undefined ? subLabel(question, parts.sub, structure?.languages ?? []) : text !== undefined ? (textParts(text).sub ?? parts.sub) : parts.sub;
      reading.option = { question: parts.question, label: label ?? '' };
    } else if (code === undefined && text !== undefined) {
      const parts = textParts(text);
      if (parts.sub !== undefined) reading.option = { question: parts.question, label: parts.sub };
    }
    return reading;
  });
  return placeByPosition(readings);
}

/** Words LimeSurvey uses for metadata that a questionnaire may use for a question: metadata only in front. */
const FRONT_ONLY = new Set(['plaats', 'code', 'seed']);

/**
 * LimeSurvey writes its metadata first, always in one order (id, submitdate, lastpage, startlanguage, seed,
 * token, startdate, datestamp, ipaddr, refurl): an unrecognised heading between two metadata headings (a
 * token heading in a language without words here) is metadata too, and treated as personal data, but for the
 * one right after the response id when no heading reads as the submit date: that is the submit date; a word such
 * as `Plaats` (nl for "seed", and for "place") is metadata only there.
 */
function placeByPosition(readings: HeadingReading[]): HeadingReading[] {
  const front = (i: number) => i < 10 && i > 0 && readings[i - 1].role !== 'question' && readings[i - 1].role !== 'free_text';
  const placed = readings.map((reading, i): HeadingReading => {
    const ambiguous = reading.role !== 'question' && FRONT_ONLY.has(fold(reading.text ?? reading.code ?? ''));
    return ambiguous && i > 0 && !front(i) ? { ...reading, role: 'question' } : reading;
  });
  const byPlace = placed.map((reading, i): HeadingReading => {
    const between = front(i) && i + 1 < placed.length && placed[i + 1].role !== 'question' && placed[i + 1].role !== 'free_text';
    return reading.role === 'question' && reading.by !== 'structure' && between ? { ...reading, role: 'identifier', by: 'position' } : reading;
  });
  // The column after the response id is the submit date, whatever the interface language names it (`Fecha de envío`):
  // read as unknown metadata, it was dropped, and incomplete responses were stored (adversarial run r29, A1).
  const second = byPlace[1];
  const dated = byPlace.some((reading) => reading.role === 'submitdate');
  if (!dated && byPlace[0]?.role === 'response_id' && second?.role === 'identifier' && second.by === 'position') byPlace[1] = { ...second, role: 'submitdate', code: 'submitdate' };
  return byPlace;
}

